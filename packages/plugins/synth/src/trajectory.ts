import type { Random } from '@emotrans/core';

/** An emotion trajectory: the "true" arousal or valence of a sequence as a smooth function of time (s). */
export type Trajectory = (t: number) => number;

export interface TrajectoryOptions {
  /** Sequence length, seconds. */
  readonly seconds: number;
  /** Knots are placed every `minGap`..`maxGap` seconds. */
  readonly minGap?: number;
  readonly maxGap?: number;
  /** Spread of the sequence's mean level and of the knots around it. */
  readonly meanSpread?: number;
  readonly knotSpread?: number;
  /** Values stay within [-limit, limit]. */
  readonly limit?: number;
}

/**
 * A smooth random trajectory: a sequence-level mean plus knots scattered around it every few seconds,
 * joined by monotone cubic (Fritsch-Carlson) interpolation so the curve never overshoots its knots and so
 * stays inside [-limit, limit]. Sequences differ in mean level and move within themselves, as rated music
 * and speech do.
 */
export function randomTrajectory(random: Random, options: TrajectoryOptions): Trajectory {
  const minGap = options.minGap ?? 5;
  const maxGap = options.maxGap ?? 12;
  const limit = options.limit ?? 0.9;
  const mean = (options.meanSpread ?? 0.45) * (2 * random.next() - 1);
  const clip = (v: number) => Math.max(-limit, Math.min(limit, v));
  const times: number[] = [0];
  while (times[times.length - 1] < options.seconds) times.push(times[times.length - 1] + minGap + (maxGap - minGap) * random.next());
  const values = times.map(() => clip(mean + (options.knotSpread ?? 0.35) * random.normal()));
  return monotoneCubic(Float64Array.from(times), Float64Array.from(values));
}

/** Fritsch-Carlson monotone cubic Hermite interpolation through (x, y); held constant outside. */
export function monotoneCubic(x: Float64Array, y: Float64Array): Trajectory {
  const n = x.length;
  const slopes = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) slopes[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
  const tangents = new Float64Array(n);
  tangents[0] = slopes[0];
  tangents[n - 1] = slopes[n - 2];
  for (let i = 1; i < n - 1; i++) tangents[i] = slopes[i - 1] * slopes[i] <= 0 ? 0 : (slopes[i - 1] + slopes[i]) / 2;
  for (let i = 0; i < n - 1; i++) {
    if (slopes[i] === 0) {
      tangents[i] = 0;
      tangents[i + 1] = 0;
      continue;
    }
    const a = tangents[i] / slopes[i];
    const b = tangents[i + 1] / slopes[i];
    const norm = a * a + b * b;
    if (norm > 9) {
      const scale = 3 / Math.sqrt(norm);
      tangents[i] = scale * a * slopes[i];
      tangents[i + 1] = scale * b * slopes[i];
    }
  }
  return (t) => {
    if (t <= x[0]) return y[0];
    if (t >= x[n - 1]) return y[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x[mid] <= t) lo = mid;
      else hi = mid;
    }
    const h = x[hi] - x[lo];
    const s = (t - x[lo]) / h;
    const s2 = s * s;
    const s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * y[lo] + (s3 - 2 * s2 + s) * h * tangents[lo] + (-2 * s3 + 3 * s2) * y[hi] + (s3 - s2) * h * tangents[hi];
  };
}
