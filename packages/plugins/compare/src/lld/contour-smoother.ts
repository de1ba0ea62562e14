/**
 * openSMILE's cContourSmoother as the ComParE configs run it: a centred moving average over `window`
 * (odd) frames. Past the ends the contour is extended as openSMILE's buffered reader extends it: the first
 * value is repeated before the start, and `after` (the value the reader finds after the last row: the next
 * frame of a longer-running input level, or the last value repeated) after the end.
 *
 * With `skipZeros` (openSMILE's noZeroSma, used for F0 and voice quality) zero frames stay zero and zero
 * neighbours are left out of the average, so unvoiced gaps do not pull voiced values down.
 */
export function smoothContour(input: Float32Array, out: Float32Array, window = 3, after: number = input[input.length - 1], skipZeros = false): Float32Array {
  if (out === input) throw new Error('smoothContour: output must not alias input');
  const n = input.length;
  const half = Math.floor(window / 2);
  const at = (i: number) => (i < 0 ? input[0] : i < n ? input[i] : after);
  for (let i = 0; i < n; i++) {
    const centre = input[i];
    if (skipZeros && centre === 0) {
      out[i] = 0;
      continue;
    }
    let sum = centre;
    let count = 1;
    for (let w = 1; w <= half; w++) {
      const before = at(i - w);
      const later = at(i + w);
      if (!skipZeros || before !== 0) {
        sum += before;
        count++;
      }
      if (!skipZeros || later !== 0) {
        sum += later;
        count++;
      }
    }
    out[i] = skipZeros ? sum / count : sum / window;
  }
  return out;
}
