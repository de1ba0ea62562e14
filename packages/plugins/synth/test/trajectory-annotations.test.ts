import { createRandom } from '@emotrans/core';
import { pearson } from '@emotrans/plugin-metrics';
import { monotoneCubic, randomTrajectory } from '../src';
import { annotate } from '../src/annotations';

describe('monotoneCubic', () => {
  const x = Float64Array.from([0, 1, 2, 4]);
  const y = Float64Array.from([0, 1, 1, -1]);
  const f = monotoneCubic(x, y);

  it('passes through its knots and holds the end values outside', () => {
    for (let i = 0; i < x.length; i++) expect(f(x[i])).toBeCloseTo(y[i], 12);
    expect(f(-3)).toBe(0);
    expect(f(9)).toBe(-1);
  });

  it('never overshoots: flat between equal knots, within the knots\' range between unequal ones', () => {
    for (let t = 1; t <= 2; t += 0.05) expect(f(t)).toBeCloseTo(1, 12);
    for (let t = 0; t <= 1; t += 0.01) expect(f(t) >= -1e-12 && f(t) <= 1 + 1e-12).toBe(true);
    for (let t = 2; t <= 4; t += 0.01) expect(f(t) >= -1 - 1e-12 && f(t) <= 1 + 1e-12).toBe(true);
  });

  it('is monotone where the knots are: increasing on [0, 1], decreasing on [2, 4]', () => {
    for (let t = 0; t < 1; t += 0.01) expect(f(t + 0.01)).toBeGreaterThanOrEqual(f(t) - 1e-12);
    for (let t = 2; t < 4; t += 0.01) expect(f(t + 0.01)).toBeLessThanOrEqual(f(t) + 1e-12);
  });
});

describe('randomTrajectory', () => {
  it('stays within [-0.9, 0.9] and moves (not constant)', () => {
    const f = randomTrajectory(createRandom(3), { seconds: 90 });
    const values = Array.from({ length: 901 }, (_, i) => f(i / 10));
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.9 + 1e-12);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.2);
  });
});

describe('annotate (simulated rater panel)', () => {
  // A slow known truth: 0.6 sin(2 pi t / 20).
  const truth = (t: number) => 0.6 * Math.sin((2 * Math.PI * t) / 20);
  const options = { seconds: 60, rate: 1, raters: 400, reactionLag: 2, raterNoise: 0 };

  it('without rater noise, a large panel follows the truth delayed by the mean reaction lag', () => {
    const gold = annotate(truth, createRandom(8), options);
    expect(gold).toHaveLength(61);
    // Gains (1 ± 0.15) and offsets (± 0.05) average out; lags spread ±40 % around 2 s blur the sinusoid a little.
    for (let t = 5; t <= 60; t++) expect(Math.abs(gold[t] - truth(t - 2))).toBeLessThan(0.05);
  });

  it('correlates best with the truth shifted by the reaction lag', () => {
    const gold = annotate(truth, createRandom(9), { ...options, raters: 6, raterNoise: 0.1 });
    const correlationAt = (lag: number) => {
      const a: number[] = [];
      const b: number[] = [];
      for (let t = 10; t <= 60; t++) {
        a.push(gold[t]);
        b.push(truth(t - lag));
      }
      return pearson.score(a, b);
    };
    const lags = [0, 1, 2, 3, 4, 5];
    const best = lags.reduce((p, q) => (correlationAt(q) > correlationAt(p) ? q : p));
    expect(best).toBeGreaterThanOrEqual(1);
    expect(best).toBeLessThanOrEqual(3);
    expect(correlationAt(best)).toBeGreaterThan(0.8);
  });

  it('clips the gold standard to [-1, 1]', () => {
    const gold = annotate(() => 3, createRandom(1), { ...options, raters: 3 });
    expect(Math.max(...gold)).toBe(1);
  });
});
