import { dsp } from '@emotrans/core';

/** Peaks this far below the loudest level (99th percentile) of the signal are silence. */
const SILENCE_BELOW_DB = 25;
/** Between two nuclei the level must dip at least this much below the later peak. */
const MIN_DIP_DB = 2;

/**
 * Syllable nuclei after de Jong & Wempe (2009): peaks of the intensity envelope (levelDb, frames at
 * `frameRate`, smoothed over 50 ms) that are above the silence threshold (99th percentile - 25 dB),
 * preceded by a dip of at least 2 dB since the previous nucleus, and voiced. Returns a 0/1 mark per frame.
 */
export function syllableNuclei(levelDb: Float32Array, voiced: Uint8Array, frameRate: number): Uint8Array {
  const n = levelDb.length;
  const marks = new Uint8Array(n);
  if (n < 3) return marks;
  const reach = Math.max(1, Math.round(0.025 * frameRate));
  const smooth = dsp.movingAverage(levelDb, 2 * reach + 1, new Float64Array(n));
  const sorted = Float64Array.from(smooth).sort();
  const loud = sorted[Math.min(n - 1, Math.floor(0.99 * n))];
  const threshold = loud - SILENCE_BELOW_DB;
  let lastPeak = -1;
  let dipSinceLast = Infinity;
  for (let t = 1; t < n - 1; t++) {
    dipSinceLast = Math.min(dipSinceLast, smooth[t]);
    const isPeak = smooth[t] > smooth[t - 1] && smooth[t] >= smooth[t + 1];
    if (!isPeak || smooth[t] < threshold) continue;
    if (lastPeak >= 0 && smooth[t] - dipSinceLast < MIN_DIP_DB) {
      // Not separated from the previous nucleus: keep the higher of the two as that nucleus.
      if (smooth[t] > smooth[lastPeak] && voiced[t]) {
        marks[lastPeak] = 0;
        marks[t] = 1;
        lastPeak = t;
        dipSinceLast = smooth[t];
      }
      continue;
    }
    if (!voiced[t]) continue;
    marks[t] = 1;
    lastPeak = t;
    dipSinceLast = smooth[t];
  }
  return marks;
}
