import { EMOTION_DIMENSIONS, type EmotionDimension } from '../data/traces';
import type { Aggregation, Metric } from '../extension-points/metric';
import type { UnitResult } from './unit-result';
import { predictionScore } from '../stats/prediction-score';

/** One score: a metric on one dimension, over all test sequences of a condition in one repetition. */
export interface Score {
  readonly target: string;
  readonly source: string;
  readonly condition: string;
  readonly repetition: number;
  readonly dimension: EmotionDimension;
  readonly metric: string;
  readonly aggregation: Aggregation;
  readonly value: number;
}

/** Scores of the same cell over repetitions. `bestOfMean` is the mean of the best k (the paper's report). */
export interface ScoreSummary {
  readonly target: string;
  readonly source: string;
  readonly condition: string;
  readonly dimension: EmotionDimension;
  readonly metric: string;
  readonly aggregation: Aggregation;
  readonly repetitions: number;
  readonly mean: number;
  readonly std: number;
  readonly bestOf?: { readonly k: number; readonly mean: number };
}

function concatenate(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Mean of the finite values (NaN when none). */
function finiteMean(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN;
}

/** Scores one metric over several sequences with an explicit aggregation. */
export function scoreSequences(
  metric: Metric,
  truths: readonly Float32Array[],
  predictions: readonly Float32Array[],
  aggregation: Aggregation,
): number {
  if (aggregation === 'concatenated') return metric.score(concatenate(truths), concatenate(predictions));
  return finiteMean(truths.map((t, i) => metric.score(t, predictions[i])));
}

/** Every metric x dimension x aggregation for each (target, source, condition, repetition). */
export function scoreUnits(results: readonly UnitResult[], metrics: readonly Metric[]): Score[] {
  const cells = new Map<string, UnitResult[]>();
  for (const result of results) {
    const key = `${result.target}\u0000${result.source}\u0000${result.condition}\u0000${result.repetition}`;
    cells.set(key, [...(cells.get(key) ?? []), result]);
  }
  const scores: Score[] = [];
  for (const group of cells.values()) {
    const { target, source, condition, repetition } = group[0];
    const predictions = group.flatMap((r) => r.predictions);
    for (const dimension of EMOTION_DIMENSIONS) {
      const truths = predictions.map((p) => p.gold[dimension]);
      const predicted = predictions.map((p) => p.predicted[dimension]);
      for (const metric of metrics) {
        for (const aggregation of ['per-sequence', 'concatenated'] as const) {
          scores.push({
            target,
            source,
            condition,
            repetition,
            dimension,
            metric: metric.manifest.id,
            aggregation,
            // Per-sequence scores come from predictionScore, the one place a prediction is scored (statistics read it too).
            value:
              aggregation === 'per-sequence'
                ? finiteMean(predictions.map((p) => predictionScore(p, dimension, metric)))
                : scoreSequences(metric, truths, predicted, aggregation),
          });
        }
      }
    }
  }
  return scores;
}

/** Mean, population std and (when bestOf > 0) the mean of the best k repetitions of each cell. */
export function summariseScores(scores: readonly Score[], metrics: readonly Metric[], bestOf: number): ScoreSummary[] {
  const higherIsBetter = new Map(metrics.map((m) => [m.manifest.id, m.manifest.higherIsBetter]));
  const cells = new Map<string, Score[]>();
  for (const s of scores) {
    const key = [s.target, s.source, s.condition, s.dimension, s.metric, s.aggregation].join('\u0000');
    cells.set(key, [...(cells.get(key) ?? []), s]);
  }
  return [...cells.values()].map((cell) => {
    const values = cell.map((s) => s.value);
    const mean = finiteMean(values);
    const finite = values.filter(Number.isFinite);
    const std = finite.length ? Math.sqrt(finite.reduce((a, v) => a + (v - mean) ** 2, 0) / finite.length) : NaN;
    const { target, source, condition, dimension, metric, aggregation } = cell[0];
    const summary: ScoreSummary = { target, source, condition, dimension, metric, aggregation, repetitions: cell.length, mean, std };
    if (bestOf > 0) {
      const sign = higherIsBetter.get(metric) ? -1 : 1;
      const best = finite.sort((a, b) => sign * (a - b)).slice(0, bestOf);
      return { ...summary, bestOf: { k: best.length, mean: finiteMean(best) } };
    }
    return summary;
  });
}
