import type { Scalar, Tensor, Tensor3D, Variable } from '@tensorflow/tfjs';
import { createRandom, loadTf, type TfModule } from '@emotrans/core';
import { chunkOf, createNetwork, disposeBatch, disposeNetwork, makeBatch, maskedLoss, networkVariables, runNetwork, type LossName, type LstmNetwork, type TensorBatch } from '../src';
import type { TrainingPass } from '../src/network';
import { memorySequences } from './synthetic';
import { runTapedNetwork } from './taped-network';

type Run = (tf: TfModule, network: LstmNetwork, inputs: Tensor3D, padding: Float32Array | undefined, training?: TrainingPass) => Tensor3D;

let tf: TfModule;
beforeAll(async () => {
  tf = await loadTf();
});

// Three sequences of different lengths, so batches are padded (and the backward direction masked).
const random = createRandom(21);
const chunks = [9, 14, 5].map((rows, i) => memorySequences(`g${i}`, 1, [rows, rows], random)[0]).map((s) => chunkOf(s.features, s.targets));

function lossOf(run: Run, network: LstmNetwork, batch: TensorBatch, loss: LossName, dropout: number): Scalar {
  const training = dropout > 0 ? { dropout, random: createRandom(5) } : undefined;
  return maskedLoss(tf, loss, run(tf, network, batch.inputs, batch.padding, training), batch.targets, batch.mask);
}

/** Loss and the gradient of every variable (as arrays), for one implementation. */
function gradients(run: Run, network: LstmNetwork, batch: TensorBatch, loss: LossName, dropout = 0) {
  const variables = networkVariables(network);
  const { value, grads } = tf.variableGrads(() => lossOf(run, network, batch, loss, dropout), variables);
  const out = { loss: value.dataSync()[0], grads: variables.map((v) => Array.from(grads[v.name].dataSync())) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

function withNetwork<T>(bidirectional: boolean, body: (network: LstmNetwork, batch: TensorBatch) => T, units = [6, 3]): T {
  const network = createNetwork(tf, 4, units, bidirectional, createRandom(8));
  const batch = makeBatch(tf, chunks, 4, { padTo: 16 });
  try {
    return body(network, batch);
  } finally {
    disposeBatch(tf, batch);
    disposeNetwork(network);
  }
}

/** Largest |a - b| relative to the largest |b| of each variable's gradient. */
function worstRelativeDifference(a: number[][], b: number[][]): number {
  return Math.max(
    ...a.map((g, v) => {
      const scale = Math.max(1e-8, ...b[v].map(Math.abs));
      return Math.max(...g.map((x, i) => Math.abs(x - b[v][i]))) / scale;
    }),
  );
}

describe('the fused LSTM layer', () => {
  for (const bidirectional of [false, true]) {
    const name = bidirectional ? 'blstm' : 'lstm';
    for (const [loss, dropout] of [
      ['mse', 0],
      ['ccc', 0],
      ['mse', 0.3],
    ] as const) {
      it(`${name}, ${loss} loss${dropout ? `, dropout ${dropout}` : ''}, padded batch: the same predictions, loss and gradients as the taped step-by-step network (1e-5)`, () => {
        withNetwork(bidirectional, (network, batch) => {
          const predicted = tf.tidy(() => Array.from(runNetwork(tf, network, batch.inputs, batch.padding).dataSync()));
          const reference = tf.tidy(() => Array.from(runTapedNetwork(tf, network, batch.inputs, batch.padding).dataSync()));
          // On real steps (padded ones are left at whatever each implementation leaves there, unused).
          const real = (i: number) => batch.padding![i >> 1] === 1;
          expect(Math.max(...predicted.map((p, i) => (real(i) ? Math.abs(p - reference[i]) : 0)))).toBeLessThan(1e-5);
          const fused = gradients(runNetwork, network, batch, loss, dropout);
          const taped = gradients(runTapedNetwork, network, batch, loss, dropout);
          expect(Math.abs(fused.loss - taped.loss)).toBeLessThan(1e-5 * Math.max(1, taped.loss));
          expect(worstRelativeDifference(fused.grads, taped.grads)).toBeLessThan(1e-5);
          // Every variable gets a gradient (nothing silently detached).
          fused.grads.forEach((g) => expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(0));
        });
      });
    }

    it(`${name}, 64 + 3 units (recurrent products on the backend, not in JavaScript): the same gradients as the taped network`, () => {
      withNetwork(
        bidirectional,
        (network, batch) => {
          const fused = gradients(runNetwork, network, batch, 'mse');
          const taped = gradients(runTapedNetwork, network, batch, 'mse');
          expect(worstRelativeDifference(fused.grads, taped.grads)).toBeLessThan(1e-5);
        },
        [64, 3],
      );
    });

    it(`${name}: gradients agree with central finite differences of the loss`, () => {
      withNetwork(bidirectional, (network, batch) => {
        const variables = networkVariables(network);
        const analytic = gradients(runNetwork, network, batch, 'mse').grads;
        const lossNow = () => tf.tidy(() => lossOf(runNetwork, network, batch, 'mse', 0).dataSync()[0]);
        const h = 1e-2;
        const pick = createRandom(4);
        let checked = 0;
        variables.forEach((v: Variable, k) => {
          const values = v.dataSync().slice() as Float32Array;
          // A few entries of each variable, among those with a gradient worth measuring.
          for (let n = 0; n < 3; n++) {
            const i = pick.int(values.length);
            const perturbed = (delta: number) => {
              const copy = values.slice();
              copy[i] += delta;
              const t = tf.tensor(copy, v.shape) as Tensor;
              v.assign(t);
              t.dispose();
              return lossNow();
            };
            const numeric = (perturbed(h) - perturbed(-h)) / (2 * h);
            const restore = tf.tensor(values, v.shape);
            v.assign(restore);
            restore.dispose();
            // Float32 losses: the difference quotient is good to about 1e-5 absolute, plus O(h^2).
            expect(Math.abs(numeric - analytic[k][i])).toBeLessThan(2e-3 * Math.max(1e-2, Math.abs(analytic[k][i])) + 2e-5);
            checked++;
          }
        });
        expect(checked).toBe(3 * variables.length);
      });
    });
  }
});
