import { stackRows, withData, type FeatureMatrix, type FittedTransfer, type RunContext, type TfModule, type TransferFitInput, type TransferMethod } from '@emotrans/core';
import { createAutoencoder, disposeAutoencoder, encode, reconstruct } from './autoencoder';
import { DAE_OPTIONS_SCHEMA, type DaeOptions } from './options';
import { trainAutoencoder, type DaeTrainingReport } from './train';

/** A fitted DAE transfer; `report` tells how training went. */
export interface FittedDae extends FittedTransfer {
  readonly report: DaeTrainingReport;
  dispose(): void;
}

/**
 * Feature-representation transfer with a denoising autoencoder trained on the target domain's
 * UNLABELLED feature windows only (rows of `input.target`; the source features are not used for fitting).
 * - `reconstruct` (the paper's variant): every feature row, source (training) or target (test), is replaced by
 *   its reconstruction decoder(encoder(x)). The autoencoder has learnt to map its input onto the target
 *   domain's feature distribution, so source rows come out looking like target rows, while target rows
 *   come out close to themselves.
 * - `encode`: every row is replaced by the bottleneck code encoder(x) (columns `dae0`, `dae1`, ...).
 * The same mapping is applied to both roles.
 */
export async function fitDae(input: TransferFitInput, options: DaeOptions, context: RunContext): Promise<FittedDae> {
  const tf = (await context.tf()) as TfModule;
  if (input.target.length === 0) throw new Error('dae: no unlabelled target-domain features to train on');
  const d = input.target[0].cols;
  const rows = stackRows(input.target);
  if (rows.length === 0) throw new Error('dae: the target-domain features have no rows');
  const ae = createAutoencoder(tf, d, options.hidden, context.random.fork('init'));
  let report: DaeTrainingReport;
  try {
    report = trainAutoencoder(tf, ae, rows, options, context.random.fork('train'));
  } catch (error) {
    disposeAutoencoder(ae);
    throw error;
  }
  const last = report.trainLoss[report.trainLoss.length - 1];
  context.log(
    `dae: ${report.trainLoss.length} epochs on ${rows.length / d} target rows, reconstruction error ${last.toFixed(4)} ` +
      `(${((100 * last) / meanVariance(rows, d)).toFixed(0)}% of the target features' variance)`,
  );
  const codeNames = Array.from({ length: options.hidden[options.hidden.length - 1] }, (_, j) => `dae${j}`);
  let disposed = false;
  return {
    report,
    transform(features: FeatureMatrix): FeatureMatrix {
      if (disposed) throw new Error('dae: transform after dispose');
      if (features.cols !== d) throw new Error(`dae: trained on ${d} features, got ${features.cols}`);
      if (features.rows === 0) return options.mode === 'encode' ? withData(features, new Float32Array(0), codeNames) : features;
      const out = tf.tidy(() => {
        const x = tf.tensor2d(features.data, [features.rows, d]);
        return options.mode === 'encode' ? encode(tf, ae, x) : reconstruct(tf, ae, x);
      });
      const data = out.dataSync() as Float32Array;
      out.dispose();
      return options.mode === 'encode' ? withData(features, data, codeNames) : withData(features, data);
    },
    dispose() {
      if (!disposed) disposeAutoencoder(ae);
      disposed = true;
    },
  };
}

/** Mean over columns of each column's variance (what predicting column means would score). */
function meanVariance(rows: Float32Array, d: number): number {
  const n = rows.length / d;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const v = rows[i * d + j];
      sum += v;
      squares += v * v;
    }
    total += squares / n - (sum / n) ** 2;
  }
  return total / d;
}

export const dae: TransferMethod<DaeOptions> = {
  manifest: {
    id: 'dae',
    kind: 'transfer',
    description: 'Denoising autoencoder trained on unlabelled target-domain features; source and target pass through it',
    version: '1',
    options: DAE_OPTIONS_SCHEMA,
  },
  fit: fitDae,
};
