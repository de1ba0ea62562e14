import { createFeatureMatrix, createRandom, createTraces, type TrainingSequence } from '@emotrans/core';
import { pearson } from '@emotrans/plugin-metrics';
import { ridge } from '../src';

/** Sequences whose targets are a known linear map of the features (plus optional noise). */
function linearData(weights: number[][], intercepts: number[], sequences: number, rows: number, noise: number, seed: number): TrainingSequence[] {
  const random = createRandom(seed);
  const cols = weights[0].length;
  return Array.from({ length: sequences }, (_, s) => {
    const data = Float32Array.from({ length: rows * cols }, () => random.normal() * 3 + 1);
    const out = weights.map((w, k) =>
      Float32Array.from({ length: rows }, (_, i) => intercepts[k] + w.reduce((sum, wj, j) => sum + wj * data[i * cols + j], 0) + noise * random.normal()),
    );
    const times = Float64Array.from({ length: rows }, (_, i) => i + 0.5);
    return { id: `s${s}`, features: createFeatureMatrix(['a', 'b', 'c'], 1, times, data), targets: createTraces(times, out[0], out[1]) };
  });
}

describe('ridge regressor', () => {
  const weights = [
    [0.5, -0.25, 0],
    [0, 0.1, 0.3],
  ];

  it('recovers a known linear map exactly when there is no noise', async () => {
    const train = linearData(weights, [0.2, -0.1], 3, 50, 0, 1);
    const model = await ridge.fit({ train, validation: [] }, { lambda: 0 }, undefined as never);
    const probe = createFeatureMatrix(['a', 'b', 'c'], 1, Float64Array.of(0, 1, 2, 3), Float32Array.of(0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1));
    const p = model.predict(probe);
    // Row 0 is the intercept, rows 1-3 add one weight each.
    expect(p.arousal[0]).toBeCloseTo(0.2, 4);
    expect(p.valence[0]).toBeCloseTo(-0.1, 4);
    expect(p.arousal[1] - p.arousal[0]).toBeCloseTo(0.5, 4);
    expect(p.arousal[2] - p.arousal[0]).toBeCloseTo(-0.25, 4);
    expect(p.valence[3] - p.valence[0]).toBeCloseTo(0.3, 4);
  });

  it('generalises to unseen sequences of a noisy linear map (r > 0.99)', async () => {
    const train = linearData(weights, [0, 0], 4, 100, 0.02, 2);
    const [test] = linearData(weights, [0, 0], 1, 200, 0, 3);
    const model = await ridge.fit({ train, validation: [] }, { lambda: 1e-3 }, undefined as never);
    const p = model.predict(test.features);
    expect(pearson.score(test.targets.arousal, p.arousal)).toBeGreaterThan(0.99);
    expect(pearson.score(test.targets.valence, p.valence)).toBeGreaterThan(0.99);
  });

  // With (nearly) uncorrelated features of variance v, the penalty lambda * n shrinks a weight by v / (v + lambda).
  it('shrinks weights by v / (v + lambda)', async () => {
    const train = linearData(weights, [0, 0], 2, 50, 0, 4);
    const slope = async (lambda: number) => {
      const model = await ridge.fit({ train, validation: [] }, { lambda }, undefined as never);
      const p = model.predict(createFeatureMatrix(['a', 'b', 'c'], 1, Float64Array.of(0, 1), Float32Array.of(0, 0, 0, 1, 0, 0)));
      return p.arousal[1] - p.arousal[0];
    };
    const small = await slope(0);
    const large = await slope(10);
    expect(small).toBeCloseTo(0.5, 4);
    expect(large / small).toBeGreaterThan((9 / 19) * 0.85); // features drawn with variance 9
    expect(large / small).toBeLessThan((9 / 19) * 1.15);
  });
});
