// @stdlib/stats-wilcoxon ships its own type declarations. It is loaded on first use: its module tree takes
// over 100 ms to load, which every process importing the core (each `features --jobs` worker) would pay.
let wilcoxonModule: typeof import('@stdlib/stats-wilcoxon') | undefined;
const wilcoxon = (...args: Parameters<typeof import('@stdlib/stats-wilcoxon')>) => (wilcoxonModule ??= require('@stdlib/stats-wilcoxon') as typeof import('@stdlib/stats-wilcoxon'))(...args);

/** Result of a two-sided paired Wilcoxon signed-rank test. */
export interface SignedRankTest {
  /** Sum of the ranks of the positive differences x - y (R's V), zero differences discarded. */
  readonly statistic: number;
  readonly pValue: number;
  /** Pairs with a non-zero difference. */
  readonly n: number;
  /** `exact` (no ties, n < 50) or `normal` (approximation with tie and continuity correction). */
  readonly method: 'exact' | 'normal' | 'none';
}

/**
 * Paired two-sided Wilcoxon signed-rank test of x against y (same length, paired by index), computed by
 * @stdlib/stats-wilcoxon with Wilcoxon's zero handling. With no non-zero difference there is nothing to
 * test: statistic 0, p = 1.
 */
export function signedRankTest(x: ArrayLike<number>, y: ArrayLike<number>): SignedRankTest {
  if (x.length !== y.length) throw new Error(`signed-rank test: ${x.length} values paired with ${y.length}`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  }
  const differences = xs.map((v, i) => v - ys[i]).filter((d) => d !== 0);
  const n = differences.length;
  if (n === 0) return { statistic: 0, pValue: 1, n, method: 'none' };
  const absolute = differences.map(Math.abs);
  const ties = new Set(absolute).size < absolute.length;
  const result = wilcoxon(xs, ys, { zeroMethod: 'wilcox', correction: true });
  return { statistic: result.statistic, pValue: Math.min(1, result.pValue), n, method: !ties && n < 50 ? 'exact' : 'normal' };
}

/** Holm's step-down adjustment of p-values (controls the family-wise error rate); keeps input order. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
