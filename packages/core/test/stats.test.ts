import { bootstrapInterval, holmAdjust, interpolatedQuantile, signedRankTest } from '../src/stats';
import { compareConditions, cellIntervals } from '../src/stats/condition-statistics';
import type { SequenceScore } from '../src/stats/sequence-scores';
import { createRandom } from '../src/runtime/random';

describe('Wilcoxon signed-rank test', () => {
  it('matches the textbook example with a zero difference and tied ranks (V = 27, p = 0.6353)', () => {
    // Differences 15, -7, 5, 20, 0, -9, 17, -12, 5, -10: the zero is dropped, the two 5s share rank 1.5,
    // ranks of positive differences 7 + 1.5 + 9 + 8 + 1.5 = 27; normal approximation with tie and continuity
    // correction: z = (27 - 22.5 - 0.5) / sqrt(71.25 - 6/48), two-sided p = 0.6353 (as R's wilcox.test).
    const x = [125, 115, 130, 140, 140, 115, 140, 125, 140, 135];
    const y = [110, 122, 125, 120, 140, 124, 123, 137, 135, 145];
    const test = signedRankTest(x, y);
    expect(test.statistic).toBe(27);
    expect(test.n).toBe(9);
    expect(test.method).toBe('normal');
    expect(test.pValue).toBeCloseTo(0.6353, 4);
  });

  it('uses the exact null distribution without ties: all six differences positive gives p = 2/64', () => {
    const test = signedRankTest([1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0]);
    expect(test.statistic).toBe(21);
    expect(test.method).toBe('exact');
    expect(test.pValue).toBeCloseTo(2 / 64, 10);
  });

  it('exact p for V = 20 of n = 6 is 4/64 (rank sums >= 20: two subsets, doubled)', () => {
    const test = signedRankTest([-1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0]);
    expect(test.statistic).toBe(20);
    expect(test.pValue).toBeCloseTo(4 / 64, 10);
  });

  it('has nothing to test when all differences are zero', () => {
    expect(signedRankTest([1, 2], [1, 2])).toEqual({ statistic: 0, pValue: 1, n: 0, method: 'none' });
  });

  it('Holm adjustment: sorted p times (m - rank), made monotone', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
  });
});

describe('bootstrap', () => {
  it('interpolatedQuantile uses linear interpolation (type 7)', () => {
    expect(interpolatedQuantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(interpolatedQuantile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it('the interval of a mean of 400 normal draws has the width 2 x 1.96 sigma / sqrt(n) and covers the sample mean', () => {
    const random = createRandom(3);
    const values = Float64Array.from({ length: 400 }, () => 2 + random.normal());
    const sampleMean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - sampleMean) ** 2, 0) / (values.length - 1));
    const interval = bootstrapInterval(values, { random: createRandom(11), resamples: 4000 });
    expect(interval.estimate).toBeCloseTo(sampleMean, 12);
    expect(interval.low).toBeLessThan(sampleMean);
    expect(interval.high).toBeGreaterThan(sampleMean);
    const expectedWidth = (2 * 1.96 * sd) / Math.sqrt(values.length);
    expect(Math.abs(interval.high - interval.low - expectedWidth) / expectedWidth).toBeLessThan(0.1);
    expect(Math.abs(interval.low + interval.high - 2 * sampleMean)).toBeLessThan(0.1 * expectedWidth);
  });

  it('is reproducible for a seed and differs for another', () => {
    const values = [0.1, 0.5, 0.3, 0.9, 0.7, 0.2, 0.4];
    const a = bootstrapInterval(values, { random: createRandom(5), resamples: 500 });
    const b = bootstrapInterval(values, { random: createRandom(5), resamples: 500 });
    const c = bootstrapInterval(values, { random: createRandom(6), resamples: 500 });
    expect(a).toEqual(b);
    expect([c.low, c.high]).not.toEqual([a.low, a.high]);
  });
});

describe('condition statistics over sequences', () => {
  const score = (condition: string, sequence: string, value: number): SequenceScore => ({
    target: 'music', source: condition === 'intra' ? 'music' : 'speech', condition, dimension: 'arousal', metric: 'ccc', sequence, value, repetitions: 1,
  });
  const scores = [
    ...[0.9, 0.8, 0.85, 0.7, 0.95, 0.75].map((v, i) => score('intra', `s${i}`, v)),
    ...[0.5, 0.6, 0.4, 0.55, 0.65, 0.45].map((v, i) => score('cross', `s${i}`, v)),
  ];

  it('pairs the two conditions on the same sequences: intra better on all six gives exact p = 2/64', () => {
    const [comparison] = compareConditions(scores);
    expect(comparison.a).toBe('intra');
    expect(comparison.b).toBe('cross (speech)');
    expect(comparison.sequences).toBe(6);
    expect(comparison.statistic).toBe(21);
    expect(comparison.pValue).toBeCloseTo(2 / 64, 10);
    expect(comparison.meanDifference).toBeCloseTo((4.95 - 3.15) / 6, 12);
  });

  it('gives each cell an interval around its mean over sequences', () => {
    const intervals = cellIntervals(scores, createRandom(1), { resamples: 1000 });
    const intra = intervals.find((i) => i.condition === 'intra')!;
    expect(intra.mean).toBeCloseTo(4.95 / 6, 12);
    expect(intra.low).toBeGreaterThanOrEqual(0.7);
    expect(intra.high).toBeLessThanOrEqual(0.95);
    expect(intra.low).toBeLessThan(intra.mean);
    expect(intra.high).toBeGreaterThan(intra.mean);
  });
});
