/**
 * Framing: cutting a signal into frames that start every `hop` samples (openSMILE's
 * `frameCenterSpecial = left`: frame i starts at sample i * hop).
 */

/** Number of whole frames of `frameLength` samples, one every `hop` samples, inside `length` samples. */
export function frameCount(length: number, frameLength: number, hop: number): number {
  if (frameLength <= 0 || hop <= 0) throw new Error(`frameCount: frame length ${frameLength} and hop ${hop} must be positive`);
  return length < frameLength ? 0 : Math.floor((length - frameLength) / hop) + 1;
}

/**
 * Copies samples [start, start + out.length) of `signal` into `out`, zero-filling whatever lies outside
 * the signal (so a long frame near the end of the audio is padded with silence). Returns `out`.
 */
export function readFrame(signal: Float32Array, start: number, out: Float32Array | Float64Array): Float32Array | Float64Array {
  const n = out.length;
  if (start >= 0 && start + n <= signal.length) {
    out.set(signal.subarray(start, start + n)); // the usual case: one native copy
    return out;
  }
  const from = Math.max(0, start);
  const to = Math.min(signal.length, start + n);
  let k = 0;
  for (; k < from - start && k < n; k++) out[k] = 0;
  for (let i = from; i < to; i++) out[k++] = signal[i];
  for (; k < n; k++) out[k] = 0;
  return out;
}

/** Seconds to a whole number of samples at `sampleRate`. */
export function secondsToSamples(seconds: number, sampleRate: number): number {
  return Math.round(seconds * sampleRate);
}
