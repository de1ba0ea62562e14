import { EMOTION_DIMENSIONS, type EmotionDimension } from '../data/traces';
import type { UnitResult } from './unit-result';

/** A fact about the scores a reader of metrics.json must know: why some of them are null or left out. */
export interface ScoreNote {
  readonly target: string;
  readonly sequence: string;
  readonly dimension: EmotionDimension;
  /** `gold`: the annotation is constant; `predicted`: a model predicted a constant (conditions listed). */
  readonly trace: 'gold' | 'predicted';
  readonly conditions?: readonly string[];
  readonly note: string;
}

const isConstant = (values: Float32Array) => values.every((v) => v === values[0]);

/**
 * Notes on test sequences whose gold trace (or a prediction) is constant: correlation-type metrics
 * (Pearson, CCC for a constant pair) are undefined there — null in metrics.json — and per-sequence means
 * leave those sequences out. Sorted by target, sequence, dimension.
 */
export function constantTraceNotes(results: readonly UnitResult[]): ScoreNote[] {
  const gold = new Map<string, ScoreNote>();
  const predicted = new Map<string, { target: string; sequence: string; dimension: EmotionDimension; conditions: Set<string> }>();
  for (const result of results) {
    for (const p of result.predictions) {
      for (const dimension of EMOTION_DIMENSIONS) {
        const key = `${result.target}\u0000${p.sequence}\u0000${dimension}`;
        if (isConstant(p.gold[dimension]) && !gold.has(key)) {
          gold.set(key, {
            target: result.target,
            sequence: p.sequence,
            dimension,
            trace: 'gold',
            note: `the gold ${dimension} trace is constant (${p.gold[dimension][0]}): correlation metrics are undefined (null) for this sequence and it is left out of per-sequence means`,
          });
        } else if (isConstant(p.predicted[dimension]) && p.predicted[dimension].length > 1) {
          const entry = predicted.get(key) ?? { target: result.target, sequence: p.sequence, dimension, conditions: new Set<string>() };
          entry.conditions.add(`${result.condition} (${result.source}) r${result.repetition}`);
          predicted.set(key, entry);
        }
      }
    }
  }
  const notes: ScoreNote[] = [
    ...gold.values(),
    ...[...predicted.entries()]
      .filter(([key]) => !gold.has(key))
      .map(([, e]) => ({
        target: e.target,
        sequence: e.sequence,
        dimension: e.dimension,
        trace: 'predicted' as const,
        conditions: [...e.conditions].sort(),
        note: `a constant ${e.dimension} prediction: correlation metrics are undefined (null) for this sequence in these conditions and it is left out of their per-sequence means`,
      })),
  ];
  return notes.sort((a, b) => (a.target + a.sequence + a.dimension + a.trace < b.target + b.sequence + b.dimension + b.trace ? -1 : 1));
}
