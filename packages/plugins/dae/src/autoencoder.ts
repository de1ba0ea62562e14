import type { Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { Random, TfModule } from '@emotrans/core';
import { fastMatMul } from '@emotrans/core';

interface Dense {
  readonly kernel: Variable;
  readonly bias: Variable;
}

/** A fully connected autoencoder: tanh hidden layers, a linear output layer of the input's size. */
export interface Autoencoder {
  readonly inputs: number;
  readonly encoder: readonly Dense[];
  readonly decoder: readonly Dense[];
}

function dense(tf: TfModule, inputs: number, outputs: number, random: Random): Dense {
  // Glorot uniform weights, zero biases.
  const limit = Math.sqrt(6 / (inputs + outputs));
  const values = Float32Array.from({ length: inputs * outputs }, () => (2 * random.next() - 1) * limit);
  const initial = tf.tensor2d(values, [inputs, outputs]);
  const kernel = tf.variable(initial);
  initial.dispose();
  const zeros = tf.zeros([outputs]);
  const bias = tf.variable(zeros);
  zeros.dispose();
  return { kernel, bias };
}

/** Encoder inputs -> hidden[0] -> ... -> hidden[k-1]; decoder mirrors it back to `inputs`. */
export function createAutoencoder(tf: TfModule, inputs: number, hidden: readonly number[], random: Random): Autoencoder {
  const sizes = [inputs, ...hidden];
  const encoder = hidden.map((h, l) => dense(tf, sizes[l], h, random));
  const decoder = hidden.map((_, l) => dense(tf, sizes[sizes.length - 1 - l], sizes[sizes.length - 2 - l], random));
  return { inputs, encoder, decoder };
}

export function autoencoderVariables(ae: Autoencoder): Variable[] {
  return [...ae.encoder, ...ae.decoder].flatMap((d) => [d.kernel, d.bias]);
}

export function disposeAutoencoder(ae: Autoencoder): void {
  for (const v of autoencoderVariables(ae)) v.dispose();
}

/** The bottleneck code of rows x (rows x inputs -> rows x last hidden size). */
export function encode(tf: TfModule, ae: Autoencoder, x: Tensor2D): Tensor2D {
  const mm = fastMatMul(tf).product;
  let h = x;
  for (const layer of ae.encoder) h = tf.tanh(tf.add(mm(h, layer.kernel as Tensor2D), layer.bias)) as Tensor2D;
  return h;
}

/** The reconstruction of rows x: decoder(encoder(x)), linear at the output. */
export function reconstruct(tf: TfModule, ae: Autoencoder, x: Tensor2D): Tensor2D {
  const mm = fastMatMul(tf).product;
  let h = encode(tf, ae, x);
  ae.decoder.forEach((layer, l) => {
    const z = tf.add(mm(h, layer.kernel as Tensor2D), layer.bias) as Tensor2D;
    h = l === ae.decoder.length - 1 ? z : tf.tanh(z);
  });
  return h;
}

/** Mean squared difference (a scalar tensor). */
export function meanSquaredError(tf: TfModule, a: Tensor, b: Tensor): Tensor {
  return tf.mean(tf.square(tf.sub(a, b)));
}
