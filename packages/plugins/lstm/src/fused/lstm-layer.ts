import type { Tensor, Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs';
import type { TfModule } from '@emotrans/core';
import type { LstmLayerWeights } from '../network';
import { columnSums, lstmBackward, lstmForward, previousHiddenTransposed, type LayerShape } from './lstm-kernel';
import { packRows } from './packed-rows';
import { rowProduct } from './row-product';

export interface LayerCall {
  readonly reverse: boolean;
  /** steps x batch: 1 on real steps, 0 on the padding at the end of shorter sequences; absent: no padding. */
  readonly mask?: Float32Array;
  /** The input is data (the network's input): its gradient is never used, so it is not computed. */
  readonly inputIsData: boolean;
}

/**
 * One LSTM layer over a time-major batch x (steps x batch x inputs) as a single differentiable operation:
 * outputs steps x batch x units (0 on padded steps). Forwards: x W for all real rows in one product, then
 * the recurrence (lstmForward). Backwards: the recurrence through time (lstmBackward), then every weight
 * gradient in one product each (x^T dz, h_prev^T dz, column sums of dz) and the input gradient dz W^T.
 */
export function lstmLayer(tf: TfModule, weights: LstmLayerWeights, x: Tensor3D, call: LayerCall): Tensor3D {
  const [steps, batch, inputs] = x.shape;
  const shape: LayerShape = { steps, batch, units: weights.units };
  const width = 4 * weights.units;
  const packed = packRows(steps, batch, call.mask);
  /** The real rows of the input, real rows x inputs (copied here: the wasm backend's gather is slower than a product). */
  const realRows = (input: Tensor3D): Tensor2D => {
    if (packed.complete) return tf.reshape(input, [steps * batch, inputs]) as Tensor2D;
    return tf.tensor2d(selectRows(input.dataSync() as Float32Array, packed.rows, inputs), [packed.count, inputs]);
  };
  const op = tf.customGrad((...args) => {
    const [input, kernel, recurrent, bias, save] = args as unknown as [Tensor3D, Tensor2D, Tensor2D, Tensor1D, (tensors: Tensor[]) => void];
    save([input]);
    const projected = tf.matMul(realRows(input), kernel).dataSync() as Float32Array;
    const record = lstmForward(projected, bias.dataSync() as Float32Array, rowProduct(tf, recurrent), shape, packed, call.reverse);
    return {
      value: tf.tensor3d(record.hidden, [steps, batch, weights.units]),
      gradFunc: (dy: Tensor, saved: Tensor[]) =>
        tf.tidy(() => {
          const dz = lstmBackward(record, dy.dataSync() as Float32Array, rowProduct(tf, tf.transpose(recurrent)), shape, packed, call.reverse);
          const dzTensor = tf.tensor2d(dz, [packed.count, width]);
          // Explicit transposes: the wasm backend's transposed matMul is about ten times slower (see fastMatMul).
          const dKernel = tf.matMul(tf.transpose(realRows(saved[0] as Tensor3D)), dzTensor);
          const dRecurrent = tf.matMul(tf.tensor2d(previousHiddenTransposed(record, shape, packed, call.reverse), [weights.units, packed.count]), dzTensor);
          const dBias = tf.tensor1d(columnSums(dz, packed.count, width));
          return [inputGradient(saved[0] as Tensor3D, dzTensor, kernel), dKernel, dRecurrent, dBias];
        }),
    };
  });
  /** dz W^T on the real rows, 0 on the padded ones. */
  const inputGradient = (input: Tensor3D, dz: Tensor2D, kernel: Tensor2D): Tensor => {
    if (call.inputIsData) return tf.zerosLike(input);
    const real = tf.matMul(dz, tf.transpose(kernel));
    if (packed.complete) return tf.reshape(real, [steps, batch, inputs]);
    return tf.tensor3d(placeRows(real.dataSync() as Float32Array, packed.rows, inputs, steps * batch), [steps, batch, inputs]);
  };
  return op(x, weights.kernel as Tensor2D, weights.recurrent as Tensor2D, weights.bias as Tensor1D) as Tensor3D;
}

/** Rows `rows` of a row-major matrix `cols` wide, in that order. */
function selectRows(values: Float32Array, rows: Int32Array, cols: number): Float32Array {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => out.set(values.subarray(r * cols, (r + 1) * cols), i * cols));
  return out;
}

/** The inverse of selectRows: a `count`-row matrix holding row i of `values` at row rows[i], zeros elsewhere. */
function placeRows(values: Float32Array, rows: Int32Array, cols: number, count: number): Float32Array {
  const out = new Float32Array(count * cols);
  rows.forEach((r, i) => out.set(values.subarray(i * cols, (i + 1) * cols), r * cols));
  return out;
}
