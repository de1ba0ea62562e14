import { createTraces, regularTimes, type Random, type Traces } from '@emotrans/core';
import type { Trajectory } from './trajectory';

export interface AnnotationOptions {
  readonly seconds: number;
  /** Annotations per second. */
  readonly rate: number;
  readonly raters: number;
  /** Mean reaction lag of a rater, seconds; each rater's lag varies by ±40 % around it. */
  readonly reactionLag: number;
  /** Standard deviation of each rater's slowly varying error. */
  readonly raterNoise: number;
}

/**
 * What a panel of raters would report for a trajectory: each rater follows the truth late (reaction lag),
 * with a personal gain and offset and a slowly wandering error (AR(1), ~3 s memory); the gold standard is
 * the panel mean, clipped to [-1, 1]. Times run 0, 1/rate, ... up to the sequence's end.
 */
export function annotate(truth: Trajectory, random: Random, options: AnnotationOptions): Float32Array {
  const count = Math.floor(options.seconds * options.rate) + 1;
  const sum = new Float64Array(count);
  const memory = Math.exp(-1 / (3 * options.rate));
  const innovation = Math.sqrt(1 - memory * memory);
  for (let r = 0; r < options.raters; r++) {
    const lag = options.reactionLag * (0.6 + 0.8 * random.next());
    const gain = 1 + 0.15 * random.normal();
    const offset = 0.05 * random.normal();
    let error = options.raterNoise * random.normal();
    for (let i = 0; i < count; i++) {
      error = memory * error + innovation * options.raterNoise * random.normal();
      sum[i] += gain * truth(i / options.rate - lag) + offset + error;
    }
  }
  const gold = new Float32Array(count);
  for (let i = 0; i < count; i++) gold[i] = Math.max(-1, Math.min(1, sum[i] / options.raters));
  return gold;
}

export function annotationTraces(arousal: Float32Array, valence: Float32Array, rate: number): Traces {
  return createTraces(regularTimes(arousal.length, rate), arousal, valence);
}
