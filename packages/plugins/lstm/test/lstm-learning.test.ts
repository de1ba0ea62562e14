import { createRandom } from '@emotrans/core';
import { ridge } from '@emotrans/plugin-ridge';
import { blstm, lstm } from '../src';
import { concat, memorySequences, pearson, smallOptions as small, testContext } from './synthetic';

describe('lstm learns what needs memory', () => {
  const random = createRandom(11);
  const train = memorySequences('train', 24, [40, 70], random);
  const validation = memorySequences('val', 4, [50, 50], random);
  const test = memorySequences('test', 6, [60, 60], random);

  async function correlations(regressor: typeof lstm | typeof ridge, options: object, data = { train, validation, test }) {
    const model = await regressor.fit({ train: data.train, validation: data.validation }, options as never, testContext(5));
    const predicted = data.test.map((s) => model.predict(s.features));
    model.dispose?.();
    return {
      arousal: pearson(concat(predicted.map((p) => p.arousal)), concat(data.test.map((s) => s.targets.arousal))),
      valence: pearson(concat(predicted.map((p) => p.valence)), concat(data.test.map((s) => s.targets.valence))),
    };
  }

  it('a per-frame model (ridge) cannot: r about 0.6 for the leaky integral and 0 for the delayed copy', async () => {
    const r = await correlations(ridge, { lambda: 1e-3 });
    expect(r.arousal).toBeLessThan(0.75);
    expect(Math.abs(r.valence)).toBeLessThan(0.3);
  });

  it('two stacked LSTM layers reach r > 0.9 on held-out sequences for both', async () => {
    const r = await correlations(lstm, small({ units: [32, 8], epochs: 40, learningRate: 0.02 }));
    expect(r.arousal).toBeGreaterThan(0.9);
    expect(r.valence).toBeGreaterThan(0.9);
  });

  describe('when valence is the input two steps ahead', () => {
    const ahead = createRandom(12);
    const data = {
      train: memorySequences('train', 24, [40, 70], ahead, -2),
      validation: memorySequences('val', 4, [50, 50], ahead, -2),
      test: memorySequences('test', 6, [60, 60], ahead, -2),
    };

    it('the bidirectional LSTM predicts it (r > 0.9), reading the future backwards', async () => {
      const r = await correlations(blstm, small({ units: [32], epochs: 40, learningRate: 0.02 }), data);
      expect(r.arousal).toBeGreaterThan(0.9);
      expect(r.valence).toBeGreaterThan(0.9);
    });

    it('the forward LSTM cannot (r < 0.3)', async () => {
      const r = await correlations(lstm, small({ units: [32], epochs: 15, learningRate: 0.02 }), data);
      expect(Math.abs(r.valence)).toBeLessThan(0.3);
    });
  });
});
