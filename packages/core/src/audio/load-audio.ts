import type { AudioRef, AudioSignal } from '../data/audio';
import { BadInputError } from '../runtime/errors';
import { decodeAudioFile } from './decode';

/** The samples of a sequence's audio (decoding files as needed). */
export async function loadAudio(ref: AudioRef): Promise<AudioSignal> {
  if (ref.kind === 'memory') return ref.signal;
  return decodeAudioFile(ref.path);
}

/** A short description of where audio comes from, for messages. */
export function audioOrigin(ref: AudioRef): string {
  return ref.kind === 'file' ? ref.path : ref.signal.origin;
}

export function assertFinite(signal: AudioSignal): void {
  for (let i = 0; i < signal.samples.length; i++) {
    if (!Number.isFinite(signal.samples[i])) {
      throw new BadInputError(`audio sample ${i} is not a finite number`, signal.origin);
    }
  }
}
