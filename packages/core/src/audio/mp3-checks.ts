import { BadInputError } from '../runtime/errors';
import { checkDeclaredAudio } from './audio-bounds';
import { checkDecodedLength } from './decoded-length';
import { mp3Structure, type Mp3Structure } from './mp3-structure';

/*
 * The checks of an MP3 file around decoding, shared by the whole-file decode and the streamed one: the
 * frame walk before, the decoded length against the frame count after.
 */

/**
 * Walks the frames (a problem is an error naming the file) and checks the rate and channels they declare;
 * with `budget`, also that the decoded samples fit the per-file budget (not when they are streamed).
 */
export function checkMp3Structure(bytes: Uint8Array, file: string, budget: boolean): Mp3Structure {
  const mp3 = mp3Structure(bytes);
  if (mp3.problem) throw new BadInputError(`${/truncated/.test(mp3.problem) ? 'truncated or corrupt MP3 file' : 'not a valid MP3 file'}: ${mp3.problem}`, file);
  checkDeclaredAudio({ sampleRate: mp3.sampleRate, channels: mp3.channels, frames: budget ? mp3.frames * mp3.samplesPerFrame : undefined }, file, 'MP3');
  return mp3;
}

/** Samples per channel the frames hold, at most: the decoder trims encoder delay and padding from this. */
export const mp3MaxSamples = (mp3: Mp3Structure): number => mp3.frames * mp3.samplesPerFrame;

/** Checks `got` decoded samples per channel are about what the frames hold (a stream that broke off is an error). */
export function checkMp3DecodedLength(got: number, sampleRate: number, mp3: Mp3Structure, file: string): void {
  // Encoder delay and padding take up to about two frames; anything shorter is a stream that broke off.
  const audioFrames = mp3.frames - (mp3.declaredFrames === undefined ? 0 : 1);
  checkDecodedLength(got, sampleRate, audioFrames * mp3.samplesPerFrame, 3 * mp3.samplesPerFrame, 'MP3', file);
}
