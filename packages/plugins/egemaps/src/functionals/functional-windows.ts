import type { FunctionalContours } from './egemaps-functionals';

/** Windows of LLD frames: window w covers frames [start[w], end[w]) and is described at times[w] (its centre). */
export interface FunctionalWindows {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly times: Float64Array;
}

/**
 * openSMILE's fixed frame mode for functionals: window and hop in frames of the LLD level, rounded as cFramer
 * rounds them (round(seconds / frame period)); a window is emitted once all its frames exist, so only windows
 * inside every contour count (the frequency contours end a few frames before the energy ones).
 */
export function functionalWindows(contours: FunctionalContours, windowSeconds: number, hopSeconds: number): FunctionalWindows {
  const period = contours.functionalPeriodSeconds;
  const length = Math.max(1, Math.round(windowSeconds / period));
  const step = Math.max(1, Math.round(hopSeconds / period));
  const frames = Math.min(contours.energyFrames, contours.frequencyFrames);
  const count = frames < length ? 0 : Math.floor((frames - length) / step) + 1;
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const times = new Float64Array(count);
  for (let w = 0; w < count; w++) {
    start[w] = w * step;
    end[w] = w * step + length;
    times[w] = (w * step + length / 2) * contours.periodSeconds;
  }
  return { count, start, end, times };
}
