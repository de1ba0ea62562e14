import type { Scalar, Tensor2D } from '@tensorflow/tfjs';
import type { Random, TfModule } from '@emotrans/core';
import { autoencoderVariables, meanSquaredError, reconstruct, type Autoencoder } from './autoencoder';
import type { DaeOptions } from './options';

/** Mean reconstruction error (clean target vs output from corrupted input) of each epoch. */
export interface DaeTrainingReport {
  readonly trainLoss: number[];
}

/**
 * Corrupts a batch of rows: Gaussian noise of `sigma` on every value, then a fraction `mask` of the values
 * set to 0 (the mean of z-scored features).
 */
export function corrupt(clean: Float32Array, sigma: number, mask: number, random: Random): Float32Array {
  const out = new Float32Array(clean.length);
  for (let i = 0; i < clean.length; i++) {
    let v = clean[i];
    if (sigma > 0) v += sigma * random.normal();
    if (mask > 0 && random.next() < mask) v = 0;
    out[i] = v;
  }
  return out;
}

/**
 * Trains the autoencoder to restore rows from their corrupted copies (Adam, mean squared error), over
 * minibatches of rows shuffled each epoch. Shuffling and corruption draw from forks of `random`.
 */
export function trainAutoencoder(tf: TfModule, ae: Autoencoder, rows: Float32Array, options: DaeOptions, random: Random): DaeTrainingReport {
  const d = ae.inputs;
  const n = rows.length / d;
  const orderRandom = random.fork('order');
  const noiseRandom = random.fork('noise');
  const optimiser = tf.train.adam(options.learningRate);
  const variables = autoencoderVariables(ae);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const report: DaeTrainingReport = { trainLoss: [] };
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = orderRandom.int(i + 1);
        const swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      let total = 0;
      for (let start = 0; start < n; start += options.batchSize) {
        const size = Math.min(options.batchSize, n - start);
        const clean = new Float32Array(size * d);
        for (let b = 0; b < size; b++) clean.set(rows.subarray(order[start + b] * d, (order[start + b] + 1) * d), b * d);
        const noisy = corrupt(clean, options.noiseSigma, options.maskFraction, noiseRandom);
        const x = tf.tensor2d(noisy, [size, d]);
        const y = tf.tensor2d(clean, [size, d]);
        try {
          const cost = optimiser.minimize(() => meanSquaredError(tf, reconstruct(tf, ae, x as Tensor2D), y) as Scalar, true, variables);
          total += cost!.dataSync()[0] * size;
          cost!.dispose();
        } finally {
          x.dispose();
          y.dispose();
        }
      }
      if (!Number.isFinite(total)) throw new Error(`dae: training diverged in epoch ${epoch + 1}; lower the learning rate`);
      report.trainLoss.push(total / n);
    }
  } finally {
    optimiser.dispose();
  }
  return report;
}
