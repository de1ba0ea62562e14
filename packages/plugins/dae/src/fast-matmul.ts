import type { Tensor2D } from '@tensorflow/tfjs';
import type { TfModule } from '@emotrans/core';

export type MatMul = (a: Tensor2D, b: Tensor2D) => Tensor2D;

const cache = new WeakMap<TfModule, MatMul>();

/**
 * (Same as the lstm plugin's; kept here so the two plugins stay independent.)
 *
 * `a @ b` whose gradient transposes explicitly before multiplying. The stock gradient multiplies with
 * `transposeA`/`transposeB` flags, which the wasm backend runs about ten times slower than a plain product
 * (measured: 670 ms against 44 ms for 3840x600 @ 600x260); an explicit transpose costs little on every backend.
 */
export function fastMatMul(tf: TfModule): MatMul {
  let mm = cache.get(tf);
  if (!mm) {
    mm = tf.customGrad((...args) => {
      const [a, b, save] = args as unknown as [Tensor2D, Tensor2D, (tensors: Tensor2D[]) => void];
      save([a, b]);
      return {
        value: tf.matMul(a, b),
        gradFunc: (dy, saved) => [tf.matMul(dy as Tensor2D, tf.transpose(saved[1])), tf.matMul(tf.transpose(saved[0]), dy as Tensor2D)],
      };
    }) as unknown as MatMul;
    cache.set(tf, mm);
  }
  return mm;
}
