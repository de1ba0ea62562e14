/**
 * openSMILE's cContourSmoother: a centred simple moving average over `window` frames (ComParE: 3). At the
 * edges the average runs over the frames that exist. With `skipZeros` (openSMILE's noZeroSma, used for
 * F0 and voice quality) zero frames stay zero and are left out of their neighbours' averages, so
 * unvoiced gaps do not pull voiced values down.
 */
export function movingAverage(input: Float32Array, window?: number, out?: Float32Array, skipZeros?: boolean): Float32Array;
/** The same averages kept in double precision. */
export function movingAverage(input: Float32Array, window: number, out: Float64Array, skipZeros?: boolean): Float64Array;
export function movingAverage(
  input: Float32Array,
  window = 3,
  out: Float32Array | Float64Array = new Float32Array(input.length),
  skipZeros = false,
): Float32Array | Float64Array {
  if (out === input) throw new Error('movingAverage: output must not alias input');
  const n = input.length;
  const half = Math.floor(window / 2);
  for (let i = 0; i < n; i++) {
    if (skipZeros && input[i] === 0) {
      out[i] = 0;
      continue;
    }
    let sum = 0;
    let count = 0;
    const from = Math.max(0, i - half);
    const to = Math.min(n - 1, i + half);
    for (let j = from; j <= to; j++) {
      const v = input[j];
      if (skipZeros && v === 0) continue;
      sum += v;
      count++;
    }
    out[i] = count > 0 ? sum / count : 0;
  }
  return out;
}
