import type { Random } from '../runtime/random';

/** A bootstrap percentile confidence interval of a statistic. */
export interface BootstrapInterval {
  /** The statistic on the original sample. */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  /** e.g. 0.95. */
  readonly confidence: number;
  readonly resamples: number;
  /** Number of items resampled (sequences). */
  readonly n: number;
}

export interface BootstrapOptions {
  /** Seeded random source (fork one per interval so results do not depend on order). */
  readonly random: Random;
  readonly resamples?: number;
  readonly confidence?: number;
  /** Statistic of a resample; default: the mean. */
  readonly statistic?: (values: Float64Array) => number;
}

export const arithmeticMean = (values: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : NaN;
};

/** Quantile with linear interpolation between order statistics (type 7, the R and numpy default). */
export function interpolatedQuantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile bootstrap: resamples the items (here: test sequences) with replacement, recomputes the
 * statistic, and reads the interval off the (1 ± confidence) / 2 quantiles. Non-finite values are dropped
 * first (a metric undefined on a constant sequence).
 */
export function bootstrapInterval(values: ArrayLike<number>, options: BootstrapOptions): BootstrapInterval {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const statistic = options.statistic ?? arithmeticMean;
  const finite = Float64Array.from(Array.from(values).filter(Number.isFinite));
  const n = finite.length;
  const estimate = n ? statistic(finite) : NaN;
  if (n < 2) return { estimate, low: estimate, high: estimate, confidence, resamples: 0, n };
  const stats = new Float64Array(resamples);
  const sample = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) sample[i] = finite[options.random.int(n)];
    stats[b] = statistic(sample);
  }
  stats.sort();
  const alpha = (1 - confidence) / 2;
  return { estimate, low: interpolatedQuantile(stats, alpha), high: interpolatedQuantile(stats, 1 - alpha), confidence, resamples, n };
}
