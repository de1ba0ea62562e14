import type { Contribution, TransferManifest, RunContext } from './contribution';
import type { FeatureMatrix } from '../data/feature-matrix';

/** Service identifier under which plugins multi-bind their transfer methods. */
export const TransferMethodContribution = Symbol.for('emotrans.TransferMethodContribution');

/** What a transfer method may learn from: never the labels or features of test sequences. */
export interface TransferFitInput {
  /** Feature matrices of the labelled training sequences (source domain), standardised. */
  readonly source: readonly FeatureMatrix[];
  /** Feature matrices of unlabelled target-domain audio, standardised the same way. */
  readonly target: readonly FeatureMatrix[];
}

/** A fitted transfer: maps source-domain (training) and target-domain (test) features. */
export interface FittedTransfer {
  transform(features: FeatureMatrix, role: 'source' | 'target'): FeatureMatrix;
  /** Frees tensors or other resources. */
  dispose?(): void;
}

/** A feature-representation transfer method (none, DAE, CORAL, ...). */
export interface TransferMethod<Options = Record<string, unknown>> extends Contribution {
  readonly manifest: TransferManifest;
  fit(input: TransferFitInput, options: Options, context: RunContext): Promise<FittedTransfer>;
}
