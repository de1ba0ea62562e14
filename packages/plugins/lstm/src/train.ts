import type { Optimizer, Tensor, Variable } from '@tensorflow/tfjs';
import { shuffled, type Random, type TfModule, type TrainingSequence } from '@emotrans/core';
import { chunkSequences, disposeBatch, makeBatch } from './batch';
import { maskedLoss } from './loss';
import { runNetwork, networkVariables, type LstmNetwork } from './network';
import type { LstmOptions, OptimiserName } from './options';

/** What happened during training: losses per epoch and where early stopping settled. */
export interface TrainingReport {
  /** Mean training loss of each epoch run. */
  readonly trainLoss: number[];
  /** Validation loss after each epoch run (empty without validation sequences). */
  readonly validationLoss: number[];
  readonly epochsRun: number;
  /** 1-based epoch whose weights were kept (the last one without validation data). */
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
}

function createOptimiser(tf: TfModule, name: OptimiserName, learningRate: number): Optimizer {
  switch (name) {
    case 'adam':
      return tf.train.adam(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'sgd':
      return tf.train.sgd(learningRate);
  }
}

/**
 * Minibatch training on chunks of the training sequences with input noise, keeping the weights of the
 * epoch with the lowest validation loss and stopping after `patience` epochs without improvement.
 * Shuffling, noise and dropout draw from forks of `random`, so a seed fixes the run.
 */
export function trainNetwork(
  tf: TfModule,
  network: LstmNetwork,
  train: readonly TrainingSequence[],
  validation: readonly TrainingSequence[],
  options: LstmOptions,
  random: Random,
): TrainingReport {
  const cols = network.inputs;
  const variables = networkVariables(network);
  const optimiser = createOptimiser(tf, options.optimiser, options.learningRate);
  const chunks = chunkSequences(train, options.chunkLength);
  if (chunks.length === 0) throw new Error('lstm: no training steps');
  const orderRandom = random.fork('order');
  const noise = { sigma: options.inputNoise, random: random.fork('noise') };
  const pass = { dropout: options.dropout, random: random.fork('dropout') };
  const validationBatch = validation.length ? makeBatch(tf, chunkSequences(validation, 0), cols) : undefined;
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  let bestEpoch = 0;
  let stoppedEarly = false;
  let best = Infinity;
  let bestWeights: Tensor[] | undefined;
  let sinceBest = 0;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const order = shuffled(chunks, orderRandom);
      let total = 0;
      for (let start = 0; start < order.length; start += options.batchSize) {
        const members = order.slice(start, start + options.batchSize);
        const batch = makeBatch(tf, members, cols, { noise });
        try {
          const cost = optimiser.minimize(
            () => maskedLoss(tf, options.loss, runNetwork(tf, network, batch.inputs, batch.padding, pass), batch.targets, batch.mask),
            true,
            variables,
          );
          total += cost!.dataSync()[0] * members.length;
          cost!.dispose();
        } finally {
          disposeBatch(tf, batch);
        }
      }
      trainLoss.push(total / order.length);
      if (!Number.isFinite(total)) throw new Error(`lstm: training diverged (loss ${total}) in epoch ${epoch}; lower the learning rate`);
      if (!validationBatch) {
        bestEpoch = epoch;
        continue;
      }
      const lossTensor = tf.tidy(() =>
        maskedLoss(tf, options.loss, runNetwork(tf, network, validationBatch.inputs, validationBatch.padding), validationBatch.targets, validationBatch.mask),
      );
      const loss = lossTensor.dataSync()[0];
      lossTensor.dispose();
      validationLoss.push(loss);
      if (loss < best) {
        best = loss;
        bestEpoch = epoch;
        sinceBest = 0;
        if (bestWeights) tf.dispose(bestWeights);
        bestWeights = variables.map((v) => tf.clone(v));
      } else if (options.patience > 0 && ++sinceBest >= options.patience) {
        stoppedEarly = true;
        break;
      }
    }
    if (bestWeights) variables.forEach((v: Variable, i) => v.assign(bestWeights![i]));
  } finally {
    if (bestWeights) tf.dispose(bestWeights);
    if (validationBatch) disposeBatch(tf, validationBatch);
    optimiser.dispose();
  }
  return { trainLoss, validationLoss, epochsRun: trainLoss.length, bestEpoch, stoppedEarly };
}
