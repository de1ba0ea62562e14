import type { Tensor2D } from '@tensorflow/tfjs';
import type { TfModule } from './tf';

export type MatMul = (a: Tensor2D, b: Tensor2D) => Tensor2D;

/** Products whose gradients avoid the wasm backend's slow transposed multiplication (see `fastMatMul`). */
export interface MatMuls {
  /** a @ b, gradients for both. */
  readonly product: MatMul;
  /** a @ b where a is data (network inputs): its gradient is never used, so it is not computed (zeros). */
  readonly ofData: MatMul;
}

const cache = new WeakMap<TfModule, MatMuls>();

/**
 * `a @ b` whose gradient transposes explicitly before multiplying. The stock gradient multiplies with
 * `transposeA`/`transposeB` flags, which the wasm backend runs about ten times slower than a plain product
 * (measured: 670 ms against 44 ms for 3840x600 @ 600x260); an explicit transpose costs little on every backend.
 */
export function fastMatMul(tf: TfModule): MatMuls {
  let found = cache.get(tf);
  if (!found) {
    const make = (needsA: boolean) =>
      tf.customGrad((...args) => {
        const [a, b, save] = args as unknown as [Tensor2D, Tensor2D, (tensors: Tensor2D[]) => void];
        save([a, b]);
        return {
          value: tf.matMul(a, b),
          gradFunc: (dy, saved) => [
            needsA ? tf.matMul(dy as Tensor2D, tf.transpose(saved[1])) : tf.zerosLike(saved[0]),
            tf.matMul(tf.transpose(saved[0]), dy as Tensor2D),
          ],
        };
      }) as unknown as MatMul;
    found = { product: make(true), ofData: make(false) };
    cache.set(tf, found);
  }
  return found;
}
