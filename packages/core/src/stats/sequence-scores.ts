import { EMOTION_DIMENSIONS, type EmotionDimension } from '../data/traces';
import type { Metric } from '../extension-points/metric';
import type { UnitResult } from '../experiment/unit-result';
import { predictionScore } from './prediction-score';

/** A metric on one test sequence of one cell (target, source, condition), averaged over repetitions. */
export interface SequenceScore {
  readonly target: string;
  readonly source: string;
  readonly condition: string;
  readonly dimension: EmotionDimension;
  readonly metric: string;
  readonly sequence: string;
  /** Mean over the repetitions of the metric on this sequence (non-finite repetitions left out). */
  readonly value: number;
  readonly repetitions: number;
}

/** The cell a unit result or score belongs to, as one string. */
export const cellKey = (c: { target: string; source: string; condition: string }): string => `${c.target}|${c.condition}|${c.source}`;

/**
 * Scores every test sequence separately: the unit of the bootstrap and of the paired tests, since each
 * condition of a target predicts the same target sequences.
 */
export function sequenceScores(results: readonly UnitResult[], metrics: readonly Metric[]): SequenceScore[] {
  const sums = new Map<string, { score: Omit<SequenceScore, 'value' | 'repetitions'>; sum: number; count: number }>();
  for (const result of results) {
    for (const prediction of result.predictions) {
      for (const dimension of EMOTION_DIMENSIONS) {
        for (const metric of metrics) {
          const key = [cellKey(result), dimension, metric.manifest.id, prediction.sequence].join('\u0000');
          let entry = sums.get(key);
          if (!entry) {
            const { target, source, condition } = result;
            entry = { score: { target, source, condition, dimension, metric: metric.manifest.id, sequence: prediction.sequence }, sum: 0, count: 0 };
            sums.set(key, entry);
          }
          const value = predictionScore(prediction, dimension, metric);
          if (Number.isFinite(value)) {
            entry.sum += value;
            entry.count++;
          }
        }
      }
    }
  }
  return [...sums.values()].map(({ score, sum, count }) => ({ ...score, value: count ? sum / count : NaN, repetitions: count }));
}
