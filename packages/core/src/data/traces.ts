/** The emotion dimensions predicted, in output order. */
export const EMOTION_DIMENSIONS = ['arousal', 'valence'] as const;
export type EmotionDimension = (typeof EMOTION_DIMENSIONS)[number];

/** Time-continuous arousal and valence values at `times` (seconds). */
export interface Traces {
  readonly times: Float64Array;
  readonly arousal: Float32Array;
  readonly valence: Float32Array;
}

export function createTraces(times: Float64Array, arousal: Float32Array, valence: Float32Array): Traces {
  if (arousal.length !== times.length || valence.length !== times.length) {
    throw new Error(`traces: ${times.length} times but ${arousal.length} arousal and ${valence.length} valence values`);
  }
  return { times, arousal, valence };
}

/**
 * A trace known at increasing `times` (seconds), read at `at` by linear interpolation and held constant past
 * either end. Brings annotations of any rate to the feature rate.
 */
export function interpolateTrace(times: ArrayLike<number>, values: ArrayLike<number>, at: ArrayLike<number>): Float32Array {
  const out = new Float32Array(at.length);
  const last = times.length - 1;
  let k = 0;
  for (let i = 0; i < at.length; i++) {
    const t = at[i];
    if (t <= times[0]) out[i] = values[0];
    else if (t >= times[last]) out[i] = values[last];
    else {
      if (t < times[k]) k = 0;
      while (times[k + 1] < t) k++;
      const fraction = (t - times[k]) / (times[k + 1] - times[k]);
      out[i] = values[k] * (1 - fraction) + values[k + 1] * fraction;
    }
  }
  return out;
}

/** Times `start, start + 1/rate, ...` for `count` samples. */
export function regularTimes(count: number, rate: number, start = 0): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = start + i / rate;
  return times;
}
