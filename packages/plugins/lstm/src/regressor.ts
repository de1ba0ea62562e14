import { createTraces, type FeatureMatrix, type FittedRegressor, type Regressor, type RegressorFitInput, type RunContext, type TfModule, type Traces } from '@emotrans/core';
import { chunkOf, disposeBatch, makeBatch } from './batch';
import { createNetwork, disposeNetwork, runNetwork } from './network';
import { LSTM_OPTIONS_SCHEMA, type LstmOptions } from './options';
import { trainNetwork, type TrainingReport } from './train';

/** A fitted (B)LSTM; `report` tells how training went. */
export interface FittedLstm extends FittedRegressor {
  readonly report: TrainingReport;
  dispose(): void;
}

/**
 * Trains a (bidirectional) LSTM sequence-to-sequence regressor: every seed (weights, chunk order, input
 * noise, dropout) derives from `context.random`.
 */
export async function fitLstm(input: RegressorFitInput, options: LstmOptions, context: RunContext, bidirectional: boolean): Promise<FittedLstm> {
  const tf = (await context.tf()) as TfModule;
  const name = bidirectional ? 'blstm' : 'lstm';
  if (input.train.length === 0) throw new Error(`${name}: no training sequences`);
  const inputs = input.train[0].features.cols;
  const network = createNetwork(tf, inputs, options.units, bidirectional, context.random.fork('init'));
  let report: TrainingReport;
  try {
    report = trainNetwork(tf, network, input.train, input.validation, options, context.random.fork('train'));
  } catch (error) {
    disposeNetwork(network);
    throw error;
  }
  context.log(
    `${name}: ${report.epochsRun} epochs${report.stoppedEarly ? ' (stopped early)' : ''}, kept epoch ${report.bestEpoch}` +
      (report.validationLoss.length ? `, validation loss ${report.validationLoss[report.bestEpoch - 1].toFixed(4)}` : ''),
  );
  let disposed = false;
  return {
    report,
    predict(features: FeatureMatrix): Traces {
      if (disposed) throw new Error(`${name}: predict after dispose`);
      if (features.cols !== inputs) throw new Error(`${name}: model has ${inputs} inputs, features have ${features.cols}`);
      if (features.rows === 0) return createTraces(features.times, new Float32Array(0), new Float32Array(0));
      const batch = makeBatch(tf, [chunkOf(features)], inputs);
      try {
        const out = tf.tidy(() => runNetwork(tf, network, batch.inputs, batch.padding));
        const values = out.dataSync() as Float32Array;
        out.dispose();
        const arousal = new Float32Array(features.rows);
        const valence = new Float32Array(features.rows);
        for (let t = 0; t < features.rows; t++) {
          arousal[t] = values[2 * t];
          valence[t] = values[2 * t + 1];
        }
        return createTraces(features.times, arousal, valence);
      } finally {
        disposeBatch(tf, batch);
      }
    },
    dispose() {
      if (!disposed) disposeNetwork(network);
      disposed = true;
    },
  };
}

function regressor(id: 'lstm' | 'blstm', description: string): Regressor<LstmOptions> {
  return {
    manifest: { id, kind: 'regressor', description, version: '1', options: LSTM_OPTIONS_SCHEMA, ...(id === 'lstm' ? { default: true } : {}) },
    fit: (input, options, context) => fitLstm(input, options, context, id === 'blstm'),
  };
}

export const lstm = regressor('lstm', 'Stacked LSTM, sequence to sequence, with input noise and early stopping (the paper\'s model)');
export const blstm = regressor('blstm', 'Stacked bidirectional LSTM, sequence to sequence, with input noise and early stopping');
