import type { Tensor, Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs';
import type { Random, TfModule } from '@emotrans/core';
import { fastMatMul } from '@emotrans/core';
import { lstmLayer } from './fused/lstm-layer';
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
 * The network over a time-major batch (steps x batch x inputs): predictions, time-major (steps x batch x 2:
 * arousal, valence). `mask` (steps x batch, 1 on real steps, 0 on the padding at the end of shorter
 * sequences; absent when nothing is padded) makes every sequence predicted as if alone; predictions on
 * padded steps are meaningless. Each layer is one fused operation (fused/lstm-layer.ts); dropout (training
 * only) follows each layer. Call inside `tf.tidy` or a gradient function.
 */
export function runNetwork(tf: TfModule, network: LstmNetwork, inputs: Tensor3D, mask: Float32Array | undefined, training?: TrainingPass): Tensor3D {
  const { product } = fastMatMul(tf);
  let x = inputs;
  network.forward.forEach((layer, l) => {
    const inputIsData = l === 0;
    const ahead = lstmLayer(tf, layer, x, { reverse: false, mask, inputIsData });
    x = network.backward ? tf.concat([ahead, lstmLayer(tf, network.backward[l], x, { reverse: true, mask, inputIsData })], 2) : ahead;
    if (training && training.dropout > 0) x = tf.dropout(x, training.dropout, undefined, training.random.int(2 ** 31)) as Tensor3D;
  });
  const [steps, batch, width] = x.shape;
  const flat = tf.reshape(x, [steps * batch, width]) as Tensor2D;
  const out = tf.add(product(flat, network.outKernel as Tensor2D), network.outBias);
  return tf.reshape(out, [steps, batch, 2]) as Tensor3D;
}
