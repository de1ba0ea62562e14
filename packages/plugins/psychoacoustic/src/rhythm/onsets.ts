/**
 * Onsets from an onset-strength track (frames at `frameRate`): frame t is an onset when its strength is the
 * maximum within +/- 30 ms, exceeds the mean within +/- 100 ms by delta = max(0.2 x the track's 95th
 * percentile, MIN_DELTA) (relative, so loud and quiet recordings behave alike; the floor keeps the tiny
 * fluctuations of a steady sound from counting), lies at least 50 ms after the previous onset, and passes
 * the optional gate (e.g. audible frames). Returns a 0/1 mark per frame.
 */
/** Smallest rise over the local mean that counts (onset-strength units: mean log-magnitude rise per bin). */
export const MIN_DELTA = 0.008;

export function pickOnsets(strength: Float32Array, frameRate: number, gate?: Uint8Array): Uint8Array {
  const n = strength.length;
  const marks = new Uint8Array(n);
  if (n === 0) return marks;
  const nonZero: number[] = [];
  for (const v of strength) if (v > 0) nonZero.push(v);
  if (nonZero.length === 0) return marks;
  nonZero.sort((a, b) => a - b);
  const reference = nonZero[Math.min(nonZero.length - 1, Math.floor(0.95 * nonZero.length))];
  const delta = Math.max(0.2 * reference, MIN_DELTA);
  const peakReach = Math.max(1, Math.round(0.03 * frameRate));
  const meanReach = Math.max(1, Math.round(0.1 * frameRate));
  const minGap = Math.max(1, Math.round(0.05 * frameRate));
  let last = -Infinity;
  for (let t = 0; t < n; t++) {
    const v = strength[t];
    if (!(v > 0) || (gate && !gate[t])) continue;
    let isPeak = true;
    for (let k = Math.max(0, t - peakReach); k <= Math.min(n - 1, t + peakReach) && isPeak; k++) {
      if (strength[k] > v || (strength[k] === v && k < t)) isPeak = false;
    }
    if (!isPeak) continue;
    let sum = 0;
    let count = 0;
    for (let k = Math.max(0, t - meanReach); k <= Math.min(n - 1, t + meanReach); k++) {
      sum += strength[k];
      count++;
    }
    if (v < sum / count + delta) continue;
    if (t - last < minGap) continue;
    marks[t] = 1;
    last = t;
  }
  return marks;
}
