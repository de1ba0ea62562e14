/**
 * openSMILE's cContourSmoother as the ComParE configs run it: a centred moving average over `window` (odd)
 * frames. The contour is extended as openSMILE's buffered reader extends it: the first value repeated before
 * the start, the last value of `input` repeated after its end. `input` may run on past the rows wanted
 * (`out.length` <= input.length): the frames after them are read, as openSMILE reads on into the input
 * level at the end of a file.
 *
 * With `skipZeros` (openSMILE's noZeroSma, used for F0 and voice quality) zero frames stay zero and zero
 * neighbours are left out of the average, so unvoiced gaps do not pull voiced values down.
 */
export function smoothContour(input: Float32Array, out: Float32Array, window = 3, skipZeros = false): Float32Array {
  if (out === input) throw new Error('smoothContour: output must not alias input');
  const n = input.length;
  if (out.length > n) throw new Error(`smoothContour: ${out.length} rows wanted from ${n} frames`);
  const half = Math.floor(window / 2);
  const at = (i: number) => input[i < 0 ? 0 : i >= n ? n - 1 : i];
  for (let i = 0; i < out.length; i++) {
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
