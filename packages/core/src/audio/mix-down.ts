import { BadInputError } from '../runtime/errors';

/**
 * The mean of the channels (stereo and more mixed down to mono). A sample that is not finite (NaN or ±Inf in
 * a float file) is an error naming its time, never passed on; `first` is the index of the channels' first
 * sample in the file (for a block of a longer stream).
 */
export function mixDown(channels: readonly Float32Array[], sampleRate: number, file: string, first = 0): Float32Array {
  const frames = channels.reduce((n, c) => Math.min(n, c.length), Infinity);
  const out = new Float32Array(frames);
  const scale = 1 / channels.length;
  for (const channel of channels) {
    for (let i = 0; i < frames; i++) out[i] += channel[i] * scale;
  }
  for (let i = 0; i < frames; i++) {
    if (!Number.isFinite(out[i])) {
      throw new BadInputError(`audio sample ${first + i} (at ${((first + i) / sampleRate).toFixed(3)} s) is not a finite number`, file);
    }
  }
  return out;
}
