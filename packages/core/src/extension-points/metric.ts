import type { Contribution, MetricManifest } from './contribution';

/** Service identifier under which plugins multi-bind their metrics. */
export const MetricContribution = Symbol.for('emotrans.MetricContribution');

/**
 * How scores over many sequences are combined:
 * - `per-sequence`: score each sequence, then average (MediaEval style);
 * - `concatenated`: score all sequences joined into one (AVEC style).
 */
export type Aggregation = 'per-sequence' | 'concatenated';

/** A metric comparing a gold trace with a predicted one. */
export interface Metric extends Contribution {
  /** Declares `higherIsBetter` (and a `label` for tables). */
  readonly manifest: MetricManifest;
  /** Score one trace; `truth` and `prediction` have equal length. NaN when undefined (e.g. constant). */
  score(truth: ArrayLike<number>, prediction: ArrayLike<number>): number;
}
