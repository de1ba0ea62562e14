/**
 * Regression deltas (openSMILE cDeltaRegression, HTK's formula):
 *   d[t] = sum_{k=1..W} k (x[t+k] - x[t-k]) / (2 sum_{k=1..W} k^2),  W = 2 by default.
 * Beyond the ends the first / last value is repeated. With `onlyInSegments` (openSMILE's option for F0
 * and voice quality) a segment is a run of non-zero values: neighbours outside the segment are replaced
 * by the segment's edge value, and zero frames get delta 0.
 */
export function regressionDelta(input: Float32Array, window = 2, out: Float32Array = new Float32Array(input.length), onlyInSegments = false): Float32Array {
  if (out === input) throw new Error('regressionDelta: output must not alias input');
  const n = input.length;
  let norm = 0;
  for (let k = 1; k <= window; k++) norm += k * k;
  norm *= 2;
  for (let t = 0; t < n; t++) {
    if (onlyInSegments && input[t] === 0) {
      out[t] = 0;
      continue;
    }
    let sum = 0;
    let lastBefore = input[t];
    let lastAfter = input[t];
    let beforeOpen = true;
    let afterOpen = true;
    for (let k = 1; k <= window; k++) {
      const ib = t - k;
      const ia = t + k;
      if (beforeOpen && ib >= 0 && !(onlyInSegments && input[ib] === 0)) lastBefore = input[ib];
      else beforeOpen = false;
      if (afterOpen && ia < n && !(onlyInSegments && input[ia] === 0)) lastAfter = input[ia];
      else afterOpen = false;
      sum += k * (lastAfter - lastBefore);
    }
    out[t] = sum / norm;
  }
  return out;
}
