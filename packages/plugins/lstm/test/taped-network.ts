import type { Tensor2D, Tensor3D } from '@tensorflow/tfjs';
import type { TfModule } from '@emotrans/core';
import type { LstmNetwork, TrainingPass } from '../src/network';

/**
 * The reference the fused network is checked against: emotrans' first LSTM, step by step in TensorFlow.js
 * ops (split, sigmoid, tanh, mul per gate and step), differentiated by the TensorFlow.js tape. Same weights,
 * gate order and masking; dropout is drawn on each layer's whole output with one seed, as the fused network
 * draws it (the first implementation drew one mask per step), so the two agree with dropout on too.
 */
function runTapedLayer(tf: TfModule, xs: readonly Tensor2D[], layer: LstmNetwork['forward'][number], masks: readonly Tensor2D[] | undefined, reverse: boolean): Tensor2D[] {
  const batch = xs[0].shape[0];
  let h: Tensor2D = tf.zeros([batch, layer.units]);
  let c: Tensor2D = tf.zeros([batch, layer.units]);
  const outputs: Tensor2D[] = new Array(xs.length);
  for (let k = 0; k < xs.length; k++) {
    const t = reverse ? xs.length - 1 - k : k;
    const z = tf.add(tf.add(tf.matMul(xs[t], layer.kernel), tf.matMul(h, layer.recurrent)), layer.bias) as Tensor2D;
    const [i, f, g, o] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
    if (reverse && masks) {
      c = tf.mul(c, masks[t]);
      h = tf.mul(h, masks[t]);
    }
    outputs[t] = h;
  }
  return outputs;
}

/** Predictions steps x batch x 2 of the network on a time-major batch, like `runNetwork`. */
export function runTapedNetwork(tf: TfModule, network: LstmNetwork, inputs: Tensor3D, padding: Float32Array | undefined, training?: TrainingPass): Tensor3D {
  const [steps, batch] = inputs.shape;
  const masks = padding ? Array.from({ length: steps }, (_, t) => tf.tensor2d(padding.subarray(t * batch, (t + 1) * batch), [batch, 1])) : undefined;
  let xs = tf.unstack(inputs) as Tensor2D[];
  network.forward.forEach((layer, l) => {
    const ahead = runTapedLayer(tf, xs, layer, masks, false);
    if (network.backward) {
      const behind = runTapedLayer(tf, xs, network.backward[l], masks, true);
      xs = ahead.map((a, t) => tf.concat([a, behind[t]], 1));
    } else {
      xs = ahead;
    }
    if (training && training.dropout > 0) {
      xs = tf.unstack(tf.dropout(tf.stack(xs), training.dropout, undefined, training.random.int(2 ** 31))) as Tensor2D[];
    }
  });
  return tf.stack(xs.map((x) => tf.add(tf.matMul(x, network.outKernel), network.outBias) as Tensor2D)) as Tensor3D;
}
