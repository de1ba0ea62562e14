import type { AudioRef, AudioSignal } from '../data/audio';
import { decodeAudioFile, decodeWavFileAt } from './decode';
import { resample } from './resample';

/**
 * The samples of a sequence's audio (decoding files as needed), resampled to `sampleRate` when one is given
 * (a feature set's `describe(options).sampleRate`).
 */
export async function loadAudio(ref: AudioRef, sampleRate?: number): Promise<AudioSignal> {
  if (ref.kind === 'file' && sampleRate !== undefined) {
    const streamed = await decodeWavFileAt(ref.path, sampleRate);
    if (streamed) return streamed;
  }
  const signal = ref.kind === 'memory' ? ref.signal : await decodeAudioFile(ref.path);
  return sampleRate === undefined ? signal : resample(signal, sampleRate);
}

/** A short description of where audio comes from, for messages. */
export function audioOrigin(ref: AudioRef): string {
  return ref.kind === 'file' ? ref.path : ref.signal.origin;
}
