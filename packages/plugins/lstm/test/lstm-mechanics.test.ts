import { createFeatureMatrix, createRandom, createTraces, loadTf, type TfModule, type TrainingSequence } from '@emotrans/core';
import { blstm, chunkOf, chunkSequences, createNetwork, disposeBatch, disposeNetwork, lstm, makeBatch, maskedLoss, runNetwork, type LstmOptions } from '../src';
import { memorySequences, testContext } from './synthetic';

const tiny = (overrides: Partial<LstmOptions> = {}): LstmOptions => ({
  units: [8, 4],
  inputNoise: 0.5,
  dropout: 0.2,
  learningRate: 0.01,
  optimiser: 'adam',
  epochs: 3,
  batchSize: 4,
  loss: 'mse',
  patience: 0,
  chunkLength: 10,
  ...overrides,
});

let tf: TfModule;
beforeAll(async () => {
  tf = await loadTf();
});

describe('chunking', () => {
  const random = createRandom(3);
  it('cuts each sequence into the fewest near-equal chunks of at most the chunk length, in order', () => {
    const sequences = [60, 101, 50, 7].map((rows, i) => memorySequences(`c${i}`, 1, [rows, rows], random)[0]);
    const chunks = chunkSequences(sequences, 50);
    expect(chunks.map((c) => c.rows)).toEqual([30, 30, 34, 34, 33, 50, 7]);
    // The chunks of the 101-step sequence hold its rows and targets, in order.
    const joined = Float32Array.from(chunks.slice(2, 5).flatMap((c) => Array.from(c.features)));
    expect(joined).toEqual(sequences[1].features.data);
    expect(chunks[4].targets[chunks[4].targets.length - 1]).toBe(sequences[1].targets.valence[100]);
    expect(chunkSequences(sequences, 0).map((c) => c.rows)).toEqual([60, 101, 50, 7]);
  });
});

describe('padding and masks', () => {
  const random = createRandom(2);
  const sequences = [7, 12, 4].map((rows, i) => memorySequences(`s${i}`, 1, [rows, rows], random)[0]);
  const chunks = sequences.map((s) => chunkOf(s.features, s.targets));

  /** Predictions of each sequence (rows x 2) and the mse and ccc losses of a batch padded to `padTo`. */
  function run(bidirectional: boolean, padTo: number, useMasks = true) {
    const network = createNetwork(tf, 4, [6, 3], bidirectional, createRandom(9));
    const batch = makeBatch(tf, chunks, 4, { padTo });
    try {
      return tf.tidy(() => {
        const out = runNetwork(tf, network, batch.inputs, useMasks ? batch.padding : undefined);
        const values = out.arraySync();
        const predictions = chunks.map((c, b) => Array.from({ length: c.rows }, (_, t) => values[t][b]));
        return {
          predictions,
          mse: maskedLoss(tf, 'mse', out, batch.targets, batch.mask).arraySync(),
          ccc: maskedLoss(tf, 'ccc', out, batch.targets, batch.mask).arraySync(),
        };
      });
    } finally {
      disposeBatch(tf, batch);
      disposeNetwork(network);
    }
  }

  function expectSame(a: number[][][], b: number[][][]) {
    a.forEach((seq, s) => seq.forEach((row, t) => row.forEach((v, k) => expect(v).toBeCloseTo(b[s][t][k], 5))));
  }

  for (const bidirectional of [false, true]) {
    const name = bidirectional ? 'blstm' : 'lstm';
    it(`${name}: padding to 12 or to 30 steps gives the same predictions and losses`, () => {
      const short = run(bidirectional, 12);
      const long = run(bidirectional, 30);
      expectSame(short.predictions, long.predictions);
      expect(long.mse).toBeCloseTo(short.mse, 5);
      expect(long.ccc).toBeCloseTo(short.ccc, 5);
    });

    it(`${name}: each sequence in a padded batch is predicted as if alone`, () => {
      const together = run(bidirectional, 30).predictions;
      chunks.forEach((chunk, s) => {
        const network = createNetwork(tf, 4, [6, 3], bidirectional, createRandom(9));
        const batch = makeBatch(tf, [chunk], 4);
        const alone = tf.tidy(() => runNetwork(tf, network, batch.inputs, batch.padding).arraySync());
        disposeBatch(tf, batch);
        disposeNetwork(network);
        expectSame([together[s]], [alone.map((step) => step[0])]);
      });
    });
  }

  it('without masks the backward direction would read the padding (the masks matter)', () => {
    const masked = run(true, 30).predictions;
    const unmasked = run(true, 30, false).predictions;
    const difference = Math.abs(masked[0][0][0] - unmasked[0][0][0]);
    expect(difference).toBeGreaterThan(1e-4);
  });
});

describe('training', () => {
  const random = createRandom(4);
  const train = memorySequences('t', 8, [20, 30], random);
  const validation = memorySequences('v', 2, [20, 20], random);
  const test = memorySequences('x', 2, [25, 25], random);

  async function predictions(seed: number, regressor = lstm) {
    const model = await regressor.fit({ train, validation }, tiny(), testContext(seed));
    const out = test.map((s) => model.predict(s.features));
    model.dispose();
    return out.flatMap((p) => [...p.arousal, ...p.valence]);
  }

  it('is deterministic for a seed (noise, dropout, shuffling and weights all seeded) and varies with it', async () => {
    const first = await predictions(1);
    expect(await predictions(1)).toEqual(first);
    const other = await predictions(2);
    expect(other).not.toEqual(first);
    expect(first.every(Number.isFinite)).toBe(true);
  });

  it('blstm too', async () => {
    expect(await predictions(3, blstm)).toEqual(await predictions(3, blstm));
  });

  it('stops early when the validation loss rises, keeping the best epoch', async () => {
    // Validation targets are the negated training targets: the better the fit, the worse the validation loss.
    const flip = (s: TrainingSequence): TrainingSequence => ({
      ...s,
      targets: createTraces(s.targets.times, s.targets.arousal.map((v) => -v), s.targets.valence.map((v) => -v)),
    });
    const model = await lstm.fit(
      { train, validation: train.slice(0, 3).map(flip) },
      tiny({ epochs: 40, patience: 3, inputNoise: 0, dropout: 0, learningRate: 0.02 }),
      testContext(1),
    );
    const { report } = model;
    model.dispose();
    expect(report.stoppedEarly).toBe(true);
    expect(report.epochsRun).toBe(report.bestEpoch + 3);
    expect(report.epochsRun).toBeLessThan(40);
    expect(Math.min(...report.validationLoss)).toBe(report.validationLoss[report.bestEpoch - 1]);
    expect(report.trainLoss[report.epochsRun - 1]).toBeLessThan(report.trainLoss[0]);
  });

  it('leaves no tensors behind after fit, predict and dispose (every option path)', async () => {
    const before = tf.memory().numTensors;
    for (const [regressor, options] of [
      [lstm, tiny({ loss: 'ccc', optimiser: 'rmsprop' })],
      [blstm, tiny({ optimiser: 'sgd', chunkLength: 0, patience: 1 })],
    ] as const) {
      const model = await regressor.fit({ train, validation }, options, testContext(7));
      for (const s of test) model.predict(s.features);
      model.predict(createFeatureMatrix(['a', 'b', 'c', 'd'], 1, new Float64Array(0), new Float32Array(0)));
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects features with the wrong number of columns, naming the model', async () => {
    const model = await lstm.fit({ train, validation: [] }, tiny({ epochs: 1 }), testContext(1));
    const wrong = createFeatureMatrix(['a'], 1, new Float64Array([0]), new Float32Array([0]));
    expect(() => model.predict(wrong)).toThrow(/lstm: model has 4 inputs, features have 1/);
    model.dispose();
  });
});
