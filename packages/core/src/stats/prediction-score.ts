import type { EmotionDimension } from '../data/traces';
import type { Metric } from '../extension-points/metric';
import type { SequencePrediction } from '../experiment/unit-result';

/** Scores already computed, per prediction object and metric object (freed with them). */
const computed = new WeakMap<SequencePrediction, WeakMap<Metric, Partial<Record<EmotionDimension, number>>>>();

/**
 * The metric on one test sequence's prediction of one dimension: the single place a prediction is scored.
 * The per-sequence aggregation of the run's metrics (evaluate.ts) and the per-sequence scores of the
 * statistics (sequence-scores.ts) both read it, so they cannot disagree and each score is computed once.
 */
export function predictionScore(prediction: SequencePrediction, dimension: EmotionDimension, metric: Metric): number {
  let byMetric = computed.get(prediction);
  if (!byMetric) computed.set(prediction, (byMetric = new WeakMap()));
  let byDimension = byMetric.get(metric);
  if (!byDimension) byMetric.set(metric, (byDimension = {}));
  return (byDimension[dimension] ??= metric.score(prediction.gold[dimension], prediction.predicted[dimension]));
}
