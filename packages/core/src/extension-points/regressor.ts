import type { Contribution, RegressorManifest, RunContext } from './contribution';
import type { FeatureMatrix } from '../data/feature-matrix';
import type { Traces } from '../data/traces';

/** Service identifier under which plugins multi-bind their regressors. */
export const RegressorContribution = Symbol.for('emotrans.RegressorContribution');

/** One training sequence: features and the gold traces aligned row by row. */
export interface TrainingSequence {
  readonly id: string;
  readonly features: FeatureMatrix;
  readonly targets: Traces;
}

/**
 * What a regressor learns from. `validation` is an inner split of the training sequences (by group), for
 * early stopping or model selection; it never holds test sequences. A regressor that needs no validation
 * data may train on both.
 */
export interface RegressorFitInput {
  readonly train: readonly TrainingSequence[];
  readonly validation: readonly TrainingSequence[];
}

/** A fitted model: predicts arousal and valence for each row of a sequence. */
export interface FittedRegressor {
  predict(features: FeatureMatrix): Traces;
  dispose?(): void;
}

/** A sequence regressor (ridge, LSTM, ...). */
export interface Regressor<Options = Record<string, unknown>> extends Contribution {
  readonly manifest: RegressorManifest;
  fit(input: RegressorFitInput, options: Options, context: RunContext): Promise<FittedRegressor>;
}
