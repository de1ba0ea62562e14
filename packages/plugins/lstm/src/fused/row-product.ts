import type { Tensor2D } from '@tensorflow/tfjs';
import type { TfModule } from '@emotrans/core';

/** `rows` (count x k, row-major) @ the fixed k x n matrix, as a new count x n row-major array. */
export type RowProduct = (rows: Float32Array, count: number) => Float32Array;

/**
 * Products with one fixed matrix, for the per-step recurrent products of an LSTM (batch x units @ units x
 * 4 units and back). Above SMALL multiply-adds the backend's matMul runs them (the wasm backend's is about
 * 20 times faster than a JavaScript loop at 16 x 150 @ 150 x 600); below it a JavaScript loop does, since
 * a backend call costs some 30 microseconds whatever its size (a 10-unit layer's products are 6,400 adds).
 */
const SMALL = 32_768;

export function rowProduct(tf: TfModule, matrix: Tensor2D): RowProduct {
  const [k, n] = matrix.shape;
  let values: Float32Array | undefined;
  return (rows, count) => {
    if (count * k * n > SMALL) {
      // Not tf.tidy: it would walk the returned array element by element looking for tensors.
      const a = tf.tensor2d(rows, [count, k]);
      const product = tf.matMul(a, matrix);
      const out = product.dataSync() as Float32Array;
      tf.dispose([a, product]);
      return out;
    }
    values ??= matrix.dataSync() as Float32Array;
    const out = new Float32Array(count * n);
    for (let r = 0; r < count; r++) {
      const o = r * n;
      for (let p = 0; p < k; p++) {
        const a = rows[r * k + p];
        if (a === 0) continue;
        const w = p * n;
        for (let j = 0; j < n; j++) out[o + j] += a * values[w + j];
      }
    }
    return out;
  };
}
