import { createFeatureMatrix, createRandom, createTraces, type TrainingSequence } from '@emotrans/core';
import { lstm } from '../src';
import { concat, concordance, std, smallOptions as small, testContext } from './synthetic';

describe('the ccc loss', () => {
  // Targets only partly predictable: y = 0.6 x + 0.8 noise (r = 0.6 with x). The MSE-optimal prediction shrinks
  // towards the mean (std 0.6 of the target's), the CCC-optimal one keeps the target's spread (CCC = r), so
  // 1 - CCC should give wider predictions and a higher CCC: 0.6 against 2 r^2 / (1 + r^2) = 0.53.
  function noisy(id: string, rows: number, seed: number): TrainingSequence {
    const random = createRandom(seed);
    const data = new Float32Array(rows * 2);
    const a = new Float32Array(rows);
    for (let t = 0; t < rows; t++) {
      data[2 * t] = random.normal();
      data[2 * t + 1] = random.normal();
      a[t] = 0.6 * data[2 * t] + 0.8 * random.normal();
    }
    const times = Float64Array.from({ length: rows }, (_, i) => i);
    return { id, features: createFeatureMatrix(['x', 'z'], 1, times, data), targets: createTraces(times, a, a.slice()) };
  }
  const train = Array.from({ length: 16 }, (_, i) => noisy(`t${i}`, 100, 100 + i));
  const test = Array.from({ length: 8 }, (_, i) => noisy(`x${i}`, 100, 200 + i));
  const gold = concat(test.map((s) => s.targets.arousal));

  async function outcome(loss: 'mse' | 'ccc') {
    const model = await lstm.fit({ train, validation: [] }, small({ units: [8], loss, epochs: 40 }), testContext(3));
    const predicted = concat(test.map((s) => model.predict(s.features).arousal));
    model.dispose();
    return { ccc: concordance(gold, predicted), spread: std(predicted) / std(gold) };
  }

  it('gives wider predictions and a higher CCC than mse when targets are partly unpredictable', async () => {
    const mse = await outcome('mse');
    const ccc = await outcome('ccc');
    expect(mse.spread).toBeLessThan(0.75);
    expect(ccc.spread).toBeGreaterThan(0.85);
    expect(ccc.ccc).toBeGreaterThan(mse.ccc + 0.02);
    expect(mse.ccc).toBeGreaterThan(0.4);
  });
});
