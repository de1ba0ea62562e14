import type { Tensor, Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs';
import type { Random, TfModule } from '@emotrans/core';
import { fastMatMul } from '@emotrans/core';
import { glorotUniform, orthogonal } from './initialisers';

/** Weights of one LSTM layer in one direction; gates packed in the order input, forget, cell, output. */
export interface LstmLayerWeights {
  readonly units: number;
  /** inputs x 4 units */
  readonly kernel: Variable;
  /** units x 4 units */
  readonly recurrent: Variable;
  /** 4 units */
  readonly bias: Variable;
}

/** Stacked (bi)directional LSTM layers with a linear read-out of arousal and valence at every step. */
export interface LstmNetwork {
  readonly inputs: number;
  readonly bidirectional: boolean;
  readonly forward: readonly LstmLayerWeights[];
  /** Present for a bidirectional network: the layers reading each sequence from its end. */
  readonly backward?: readonly LstmLayerWeights[];
  /** (last units x directions) x 2 */
  readonly outKernel: Variable;
  readonly outBias: Variable;
}

/** Training-time behaviour of a forward pass (absent at prediction). */
export interface TrainingPass {
  readonly dropout: number;
  /** Seeds of the dropout masks. */
  readonly random: Random;
}

export function networkVariables(network: LstmNetwork): Variable[] {
  const layers = [...network.forward, ...(network.backward ?? [])];
  return [...layers.flatMap((l) => [l.kernel, l.recurrent, l.bias]), network.outKernel, network.outBias];
}

export function disposeNetwork(network: LstmNetwork): void {
  for (const v of networkVariables(network)) v.dispose();
}

/** A variable holding `initial`, which is disposed (the variable keeps its own reference to the data). */
function variableOf(tf: TfModule, initial: Tensor): Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

function createLayer(tf: TfModule, inputs: number, units: number, random: Random): LstmLayerWeights {
  const bias = new Float32Array(4 * units);
  // Forget-gate bias 1: remember by default early in training.
  bias.fill(1, units, 2 * units);
  return {
    units,
    kernel: variableOf(tf, tf.tensor2d(glorotUniform(inputs, 4 * units, random), [inputs, 4 * units])),
    recurrent: variableOf(tf, tf.tensor2d(orthogonal(units, 4 * units, random), [units, 4 * units])),
    bias: variableOf(tf, tf.tensor1d(bias)),
  };
}

/** A freshly initialised network; every weight comes from `random`, so a seed fixes it. */
export function createNetwork(tf: TfModule, inputs: number, units: readonly number[], bidirectional: boolean, random: Random): LstmNetwork {
  const directions = bidirectional ? 2 : 1;
  const build = (label: string) => {
    const stream = random.fork(label);
    return units.map((u, l) => createLayer(tf, l === 0 ? inputs : units[l - 1] * directions, u, stream));
  };
  const forward = build('forward');
  const backward = bidirectional ? build('backward') : undefined;
  const last = units[units.length - 1] * directions;
  const outRandom = random.fork('output');
  return {
    inputs,
    bidirectional,
    forward,
    backward,
    outKernel: variableOf(tf, tf.tensor2d(glorotUniform(last, 2, outRandom), [last, 2])),
    outBias: variableOf(tf, tf.zeros([2])),
  };
}

/**
 * One LSTM layer over a list of time steps (each batch x features). Sequences are padded at their end;
 * `masks[t]` (batch x 1) is 1 on real steps and 0 on padding. Reading backwards, the padding comes first, so
 * the state is multiplied by the mask: it stays at its zero start through the padding and the first real
 * step sees exactly what it would see without padding. Reading forwards, padding follows the real steps and
 * cannot influence them, so no masking is needed (the loss ignores padded outputs).
 */
function runLayer(
  tf: TfModule,
  xs: readonly Tensor2D[],
  weights: LstmLayerWeights,
  masks: readonly Tensor2D[] | undefined,
  reverse: boolean,
  inputsAreData: boolean,
): Tensor2D[] {
  const { product, ofData } = fastMatMul(tf);
  const project = inputsAreData ? ofData : product;
  const batch = xs[0].shape[0];
  const { units } = weights;
  let h: Tensor2D = tf.zeros([batch, units]);
  let c: Tensor2D = tf.zeros([batch, units]);
  const outputs: Tensor2D[] = new Array(xs.length);
  for (let k = 0; k < xs.length; k++) {
    const t = reverse ? xs.length - 1 - k : k;
    const z = tf.add(tf.add(project(xs[t], weights.kernel as Tensor2D), product(h, weights.recurrent as Tensor2D)), weights.bias) as Tensor2D;
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

/**
 * The network over a batch given as time steps (each batch x inputs): predictions, time-major
 * (steps x batch x 2: arousal, valence). Call inside `tf.tidy` or a gradient function.
 */
export function runNetwork(
  tf: TfModule,
  network: LstmNetwork,
  steps: readonly Tensor2D[],
  masks: readonly Tensor2D[] | undefined,
  training?: TrainingPass,
): Tensor3D {
  const { product } = fastMatMul(tf);
  let xs: Tensor2D[] = steps.slice();
  network.forward.forEach((layer, l) => {
    const ahead = runLayer(tf, xs, layer, masks, false, l === 0);
    if (network.backward) {
      const behind = runLayer(tf, xs, network.backward[l], masks, true, l === 0);
      xs = ahead.map((a, t) => tf.concat([a, behind[t]], 1));
    } else {
      xs = ahead;
    }
    if (training && training.dropout > 0) {
      const rate = training.dropout;
      xs = xs.map((x) => tf.dropout(x, rate, undefined, training.random.int(2 ** 31)) as Tensor2D);
    }
  });
  return tf.stack(xs.map((x) => tf.add(product(x, network.outKernel as Tensor2D), network.outBias) as Tensor2D)) as Tensor3D;
}
