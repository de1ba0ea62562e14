import { createTraces, type FittedRegressor, type Regressor, type TrainingSequence } from '@emotrans/core';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

export interface RidgeOptions {
  /** L2 penalty on the weights (not on the intercept), relative to the number of training rows. */
  lambda: number;
}

/**
 * Closed-form ridge regression, one frame at a time: minimises
 * sum ||y - (W x + b)||^2 + lambda * n * ||W||^2 over all training rows (n of them).
 * It needs no validation data, so it trains on the training and validation sequences together.
 */
export const ridge: Regressor<RidgeOptions> = {
  manifest: {
    id: 'ridge',
    kind: 'regressor',
    description: 'Ridge regression per frame (closed form); a fast baseline and sanity check',
    version: '1',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { lambda: { type: 'number', minimum: 0, default: 1e-3, description: 'L2 penalty per training row' } },
    },
  },
  async fit({ train, validation }, options): Promise<FittedRegressor> {
    const sequences: readonly TrainingSequence[] = [...train, ...validation];
    const d = sequences[0].features.cols;
    // Sufficient statistics in float64: sums for centring, then the centred normal equations.
    let n = 0;
    const meanX = new Float64Array(d);
    const meanY = new Float64Array(2);
    for (const s of sequences) {
      const x = s.features.data;
      for (let i = 0; i < s.features.rows; i++) {
        for (let j = 0; j < d; j++) meanX[j] += x[i * d + j];
        meanY[0] += s.targets.arousal[i];
        meanY[1] += s.targets.valence[i];
      }
      n += s.features.rows;
    }
    for (let j = 0; j < d; j++) meanX[j] /= n;
    meanY[0] /= n;
    meanY[1] /= n;
    const xtx = new Float64Array(d * d);
    const xty = new Float64Array(d * 2);
    const row = new Float64Array(d);
    for (const s of sequences) {
      const x = s.features.data;
      for (let i = 0; i < s.features.rows; i++) {
        for (let j = 0; j < d; j++) row[j] = x[i * d + j] - meanX[j];
        const ya = s.targets.arousal[i] - meanY[0];
        const yv = s.targets.valence[i] - meanY[1];
        for (let j = 0; j < d; j++) {
          const rj = row[j];
          for (let k = j; k < d; k++) xtx[j * d + k] += rj * row[k];
          xty[j * 2] += rj * ya;
          xty[j * 2 + 1] += rj * yv;
        }
      }
    }
    const a = new Matrix(d, d);
    for (let j = 0; j < d; j++) {
      for (let k = j; k < d; k++) {
        a.set(j, k, xtx[j * d + k]);
        a.set(k, j, xtx[j * d + k]);
      }
      // A tiny floor keeps the system positive definite when lambda is 0 and features are collinear.
      a.set(j, j, a.get(j, j) + options.lambda * n + 1e-9 * n);
    }
    const b = new Matrix(d, 2);
    for (let j = 0; j < d; j++) {
      b.set(j, 0, xty[j * 2]);
      b.set(j, 1, xty[j * 2 + 1]);
    }
    const w = new CholeskyDecomposition(a).solve(b);
    const weights = Float64Array.from(w.to1DArray());
    const intercept = [meanY[0], meanY[1]];
    for (let j = 0; j < d; j++) {
      intercept[0] -= weights[j * 2] * meanX[j];
      intercept[1] -= weights[j * 2 + 1] * meanX[j];
    }
    return {
      predict(features) {
        if (features.cols !== d) throw new Error(`ridge: model has ${d} inputs, features have ${features.cols}`);
        const arousal = new Float32Array(features.rows);
        const valence = new Float32Array(features.rows);
        for (let i = 0; i < features.rows; i++) {
          let ya = intercept[0];
          let yv = intercept[1];
          for (let j = 0; j < d; j++) {
            const v = features.data[i * d + j];
            ya += weights[j * 2] * v;
            yv += weights[j * 2 + 1] * v;
          }
          arousal[i] = ya;
          valence[i] = yv;
        }
        return createTraces(features.times, arousal, valence);
      },
    };
  },
};
