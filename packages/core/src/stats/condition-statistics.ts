import type { EmotionDimension } from '../data/traces';
import type { Random } from '../runtime/random';
import { arithmeticMean, bootstrapInterval } from './bootstrap';
import { cellKey, type SequenceScore } from './sequence-scores';
import { holmAdjust, signedRankTest } from './wilcoxon';

/** Bootstrap confidence interval of the mean per-sequence score of one cell. */
export interface CellInterval {
  readonly target: string;
  readonly source: string;
  readonly condition: string;
  readonly dimension: EmotionDimension;
  readonly metric: string;
  /** Mean over test sequences of the per-sequence score (itself a mean over repetitions). */
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
  readonly sequences: number;
}

/** A paired comparison of two cells of the same target over the same test sequences. */
export interface ConditionComparison {
  readonly target: string;
  readonly dimension: EmotionDimension;
  readonly metric: string;
  /** Cells as `condition (source)`. */
  readonly a: string;
  readonly b: string;
  /** Sequences scored in both. */
  readonly sequences: number;
  /** Mean over sequences of score(a) - score(b). */
  readonly meanDifference: number;
  /** Wilcoxon signed-rank statistic V (sum of ranks of positive differences a - b). */
  readonly statistic: number;
  readonly pValue: number;
  /** p adjusted by Holm over all comparisons of the same target, dimension and metric. */
  readonly pHolm: number;
  readonly method: string;
}

const cellLabel = (s: { condition: string; source: string; target: string }) =>
  s.condition === 'intra' ? 'intra' : `${s.condition} (${s.source})`;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Seeded percentile-bootstrap intervals over test sequences, one per cell x dimension x metric. */
export function cellIntervals(
  scores: readonly SequenceScore[],
  random: Random,
  options: { resamples?: number; confidence?: number } = {},
): CellInterval[] {
  const cells = groupBy(scores, (s) => [cellKey(s), s.dimension, s.metric].join('\u0000'));
  return [...cells].map(([key, cell]) => {
    const sorted = [...cell].sort((x, y) => (x.sequence < y.sequence ? -1 : x.sequence > y.sequence ? 1 : 0));
    // A random stream per cell: intervals do not depend on which other cells exist.
    const interval = bootstrapInterval(
      sorted.map((s) => s.value),
      { random: random.fork(`bootstrap/${key}`), resamples: options.resamples, confidence: options.confidence },
    );
    const { target, source, condition, dimension, metric } = cell[0];
    return { target, source, condition, dimension, metric, mean: interval.estimate, low: interval.low, high: interval.high, confidence: interval.confidence, sequences: interval.n };
  });
}

/** Every pair of cells of each target, tested with the paired Wilcoxon signed-rank test per dimension and metric. */
export function compareConditions(scores: readonly SequenceScore[]): ConditionComparison[] {
  const out: ConditionComparison[] = [];
  for (const family of groupBy(scores, (s) => [s.target, s.dimension, s.metric].join('\u0000')).values()) {
    const cells = [...groupBy(family, cellKey).values()];
    const tests: Omit<ConditionComparison, 'pHolm'>[] = [];
    for (let i = 0; i < cells.length; i++) {
      for (let j = i + 1; j < cells.length; j++) {
        const bySequence = new Map(cells[j].map((s) => [s.sequence, s.value]));
        const paired = cells[i].filter((s) => bySequence.has(s.sequence) && Number.isFinite(s.value) && Number.isFinite(bySequence.get(s.sequence)!));
        const a = paired.map((s) => s.value);
        const b = paired.map((s) => bySequence.get(s.sequence)!);
        const test = signedRankTest(a, b);
        tests.push({
          target: family[0].target,
          dimension: family[0].dimension,
          metric: family[0].metric,
          a: cellLabel(cells[i][0]),
          b: cellLabel(cells[j][0]),
          sequences: paired.length,
          meanDifference: arithmeticMean(a.map((v, k) => v - b[k])),
          statistic: test.statistic,
          pValue: test.pValue,
          method: test.method,
        });
      }
    }
    const adjusted = holmAdjust(tests.map((t) => t.pValue));
    tests.forEach((t, k) => out.push({ ...t, pHolm: adjusted[k] }));
  }
  return out;
}
