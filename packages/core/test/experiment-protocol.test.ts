import { alignLabels } from '../src/experiment/align-labels';
import { innerSplit, outerFolds } from '../src/experiment/folds';
import { scoreUnits, summariseScores } from '../src/experiment/evaluate';
import { sequenceScores } from '../src/stats/sequence-scores';
import type { UnitResult } from '../src/experiment/unit-result';
import type { Metric } from '../src/extension-points/metric';
import { createFeatureMatrix } from '../src/data/feature-matrix';
import { createTraces, regularTimes } from '../src/data/traces';
import { createRandom } from '../src/runtime/random';
import { checkCorpusData } from '../src/experiment/check-corpus';

describe('annotation alignment', () => {
  // Features at 1 Hz (row centres 0.5 ... 29.5 s); annotations at 10 Hz from 0 to 30 s.
  const features = createFeatureMatrix(['x'], 1, Float64Array.from({ length: 30 }, (_, i) => i + 0.5), new Float32Array(30));
  const signal = (t: number) => Math.sin((2 * Math.PI * t) / 20);
  const labelTimes = regularTimes(301, 10);

  it('resamples 10 Hz annotations to the feature rate by reading them at the row times', () => {
    const linear = (t: number) => 0.1 * t - 1;
    const labels = createTraces(labelTimes, Float32Array.from(labelTimes, linear), Float32Array.from(labelTimes, (t) => -linear(t)));
    const aligned = alignLabels(features, labels);
    expect(aligned.droppedRows).toBe(0);
    aligned.targets.times.forEach((t, i) => {
      expect(aligned.targets.arousal[i]).toBeCloseTo(linear(t), 5);
      expect(aligned.targets.valence[i]).toBeCloseTo(-linear(t), 5);
    });
  });

  it('compensates a known annotation delay: annotators 2 s late, delay 2 recovers the signal', () => {
    const lagged = createTraces(labelTimes, Float32Array.from(labelTimes, (t) => signal(t - 2)), Float32Array.from(labelTimes, (t) => signal(t - 2)));
    const uncompensated = alignLabels(features, lagged, 0);
    const compensated = alignLabels(features, lagged, 2);
    // Row at 29.5 s would read the annotation at 31.5 s, past its end by more than half a row: dropped.
    // Row 28.5 s reads at 30.5 s, within half a row of the end: kept, holding the last annotation.
    expect(compensated.droppedRows).toBe(1);
    expect(compensated.features.rows).toBe(29);
    expect(compensated.targets.arousal[28]).toBeCloseTo(signal(30 - 2), 6);
    let worstCompensated = 0;
    let worstUncompensated = 0;
    compensated.targets.times.forEach((t, i) => {
      if (t + 2 > 30) return;
      worstCompensated = Math.max(worstCompensated, Math.abs(compensated.targets.arousal[i] - signal(t)));
      worstUncompensated = Math.max(worstUncompensated, Math.abs(uncompensated.targets.arousal[i] - signal(t)));
    });
    // Linear interpolation of a 10 Hz sampled sine: error below (2 pi / 20)^2 (0.1)^2 / 8.
    expect(worstCompensated).toBeLessThan(2e-3);
    expect(worstUncompensated).toBeGreaterThan(0.5);
  });
});

describe('cross-validation folds', () => {
  const items = ['a', 'a', 'b', 'c', 'c', 'c', 'd', 'e'].map((group, i) => ({ id: `s${i}`, group }));

  it('leave-one-group-out: one fold per group holding exactly that group', () => {
    const folds = outerFolds(items, { scheme: 'loso', folds: 5, validationFraction: 0.2 }, createRandom(1));
    expect(folds.map((f) => [...new Set(f.map((s) => s.group))])).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
    expect(folds.flat()).toHaveLength(items.length);
  });

  it('grouped k-fold: k folds, groups never split, every item once', () => {
    const folds = outerFolds(items, { scheme: 'kfold', folds: 2, validationFraction: 0.2 }, createRandom(4));
    expect(folds).toHaveLength(2);
    expect(folds.flat().map((s) => s.id).sort()).toEqual(items.map((s) => s.id).sort());
    const foldOfGroup = new Map<string, number>();
    folds.forEach((fold, k) => fold.forEach((s) => {
      expect(foldOfGroup.get(s.group) ?? k).toBe(k);
      foldOfGroup.set(s.group, k);
    }));
  });

  it('the inner split holds out about the fraction of groups, whole', () => {
    const { fit, validation } = innerSplit(items, 0.4, createRandom(2));
    const held = new Set(validation.map((s) => s.group));
    expect(held.size).toBe(2);
    expect(fit.some((s) => held.has(s.group))).toBe(false);
    expect(fit.length + validation.length).toBe(items.length);
    expect(innerSplit(items, 0, createRandom(2)).validation).toEqual([]);
  });
});

describe('scores over sequences and repetitions', () => {
  // A metric whose value is the mean prediction, so the expected scores are easy to state.
  const meanPrediction = (higherIsBetter: boolean): Metric => ({
    manifest: { id: higherIsBetter ? 'up' : 'down', kind: 'metric', description: '', options: {}, higherIsBetter },
    score: (_truth, prediction) => Array.from(prediction).reduce((a, b) => a + b, 0) / prediction.length,
  });
  const traces = (values: number[]) => createTraces(regularTimes(values.length, 1), Float32Array.from(values), Float32Array.from(values));
  const unit = (repetition: number, a: number[], b: number[]): UnitResult => ({
    key: `t/intra/t/f0/r${repetition}`, target: 't', source: 't', condition: 'intra', fold: 0, repetition, seconds: 0,
    predictions: [
      { sequence: 'A', gold: traces(a.map(() => 0)), predicted: traces(a) },
      { sequence: 'B', gold: traces(b.map(() => 0)), predicted: traces(b) },
    ],
  });

  it('per-sequence averages the sequences, concatenated scores them joined', () => {
    const scores = scoreUnits([unit(0, [1, 1], [4])], [meanPrediction(true)]).filter((s) => s.dimension === 'arousal');
    expect(scores.find((s) => s.aggregation === 'per-sequence')!.value).toBeCloseTo(2.5, 6);
    expect(scores.find((s) => s.aggregation === 'concatenated')!.value).toBeCloseTo(2, 6);
  });

  it('scores each prediction once: the metrics and the per-sequence statistics read the same values', () => {
    const calls: number[] = [];
    const counting: Metric = { ...meanPrediction(true), score: (t, p) => (calls.push(p.length), meanPrediction(true).score(t, p)) };
    const results = [unit(0, [1, 1], [4]), unit(1, [2], [2, 6])];
    const scores = scoreUnits(results, [counting]);
    const perSequence = sequenceScores(results, [counting]);
    // 2 units x 2 sequences x 2 dimensions scored alone, plus 2 units x 2 dimensions concatenated.
    expect(calls.length).toBe(8 + 4);
    const arousalA = perSequence.find((s) => s.dimension === 'arousal' && s.sequence === 'A')!;
    expect(arousalA.value).toBeCloseTo((1 + 2) / 2, 6);
    expect(scores.find((s) => s.repetition === 1 && s.dimension === 'arousal' && s.aggregation === 'per-sequence')!.value).toBeCloseTo((2 + 4) / 2, 6);
  });

  it('summarises repetitions: plain mean, population std and the mean of the best k in the metric\'s direction', () => {
    const results = [0.1, 0.5, 0.3, 0.9].map((v, r) => unit(r, [v], [v]));
    const metrics = [meanPrediction(true), meanPrediction(false)];
    const summary = summariseScores(scoreUnits(results, metrics), metrics, 2).filter((s) => s.dimension === 'arousal' && s.aggregation === 'per-sequence');
    const up = summary.find((s) => s.metric === 'up')!;
    const down = summary.find((s) => s.metric === 'down')!;
    expect(up.repetitions).toBe(4);
    expect(up.mean).toBeCloseTo(0.45, 6);
    expect(up.std).toBeCloseTo(Math.sqrt(0.0875), 6);
    expect(up.bestOf!.k).toBe(2);
    expect(up.bestOf!.mean).toBeCloseTo(0.7, 6);
    expect(down.bestOf!.mean).toBeCloseTo(0.2, 6);
  });
});

describe('sizes that a spread into one call would overflow the stack with', () => {
  it('250 000 annotation points are checked and aligned (value at each row read from the trace)', () => {
    const n = 250000;
    const times = regularTimes(n, 1000);
    const labels = createTraces(times, Float32Array.from(times, (t) => t / 250), Float32Array.from(times, (t) => -t / 250));
    checkCorpusData({ domain: 'music', labelled: [{ id: 's', domain: 'music', group: 'g', audio: { kind: 'file', path: 'x.wav' }, labels }], unlabelled: [] }, 'big', 'music');
    const features = createFeatureMatrix(['x'], 1, Float64Array.from({ length: 250 }, (_, i) => i + 0.5), new Float32Array(250));
    const aligned = alignLabels(features, labels);
    expect(aligned.features.rows).toBe(250);
    expect(aligned.targets.arousal[100]).toBeCloseTo(100.5 / 250, 5);
  });

  it('leave-one-group-out over 200 000 groups makes 200 000 folds', () => {
    const items = Array.from({ length: 200000 }, (_, i) => ({ id: `s${i}`, group: `g${i}` }));
    const folds = outerFolds(items, { scheme: 'loso', validationFraction: 0 }, createRandom(1));
    expect(folds.length).toBe(200000);
    expect(folds.every((f) => f.length === 1)).toBe(true);
  });
});
