import type { Tensor, Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs';
import type { TfModule } from '@emotrans/core';
import type { LstmLayerWeights } from '../network';
import { columnSums, lstmBackward, lstmForward, previousHiddenTransposed, type LayerDirection, type LayerShape } from './lstm-kernel';
import { rowProduct } from './row-product';

export interface LayerCall extends LayerDirection {
  /** The input is data (the network's input): its gradient is never used, so it is not computed. */
  readonly inputIsData: boolean;
}

/**
 * One LSTM layer over a time-major batch x (steps x batch x inputs) as a single differentiable operation:
 * outputs steps x batch x units. Forwards: x W for all steps in one product, then the recurrence
 * (lstmForward). Backwards: the recurrence through time (lstmBackward), then every weight gradient in one
 * product each (x^T dz, h_prev^T dz, column sums of dz) and the input gradient dz W^T.
 */
export function lstmLayer(tf: TfModule, weights: LstmLayerWeights, x: Tensor3D, call: LayerCall): Tensor3D {
  const [steps, batch, inputs] = x.shape;
  const shape: LayerShape = { steps, batch, units: weights.units };
  const width = 4 * weights.units;
  const rows = steps * batch;
  const op = tf.customGrad((...args) => {
    const [input, kernel, recurrent, bias, save] = args as unknown as [Tensor3D, Tensor2D, Tensor2D, Tensor1D, (tensors: Tensor[]) => void];
    save([input]);
    const flat = tf.reshape(input, [rows, inputs]) as Tensor2D;
    const projected = tf.matMul(flat, kernel).dataSync() as Float32Array;
    const record = lstmForward(projected, bias.dataSync() as Float32Array, rowProduct(tf, recurrent), shape, call);
    return {
      value: tf.tensor3d(record.hidden, [steps, batch, weights.units]),
      gradFunc: (dy: Tensor, saved: Tensor[]) =>
        tf.tidy(() => {
          const dz = lstmBackward(record, dy.dataSync() as Float32Array, rowProduct(tf, tf.transpose(recurrent)), shape, call);
          const dzTensor = tf.tensor2d(dz, [rows, width]);
          const savedFlat = tf.reshape(saved[0], [rows, inputs]) as Tensor2D;
          // Explicit transposes: the wasm backend's transposed matMul is about ten times slower (see fastMatMul).
          const dKernel = tf.matMul(tf.transpose(savedFlat), dzTensor);
          const dRecurrent = tf.matMul(tf.tensor2d(previousHiddenTransposed(record, shape, call), [weights.units, rows]), dzTensor);
          const dBias = tf.tensor1d(columnSums(dz, rows, width));
          const dInput = call.inputIsData ? tf.zerosLike(saved[0]) : tf.reshape(tf.matMul(dzTensor, tf.transpose(kernel)), [steps, batch, inputs]);
          return [dInput, dKernel, dRecurrent, dBias];
        }),
    };
  });
  return op(x, weights.kernel as Tensor2D, weights.recurrent as Tensor2D, weights.bias as Tensor1D) as Tensor3D;
}
