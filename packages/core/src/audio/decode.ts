import fs from 'node:fs';
import type { AudioSignal } from '../data/audio';
import { BadInputError } from '../runtime/errors';

/**
 * Decodes an audio file to mono float samples at its own rate.
 * (Minimal RIFF/WAVE PCM reader for the walking skeleton; the features issue replaces it with full
 * WAV/FLAC/MP3/OGG support.)
 */
export async function decodeAudioFile(file: string): Promise<AudioSignal> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new BadInputError(`cannot read audio (${(error as NodeJS.ErrnoException).code})`, file);
  }
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new BadInputError('not a WAV file (no RIFF/WAVE header)', file);
  }
  let offset = 12;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  let format = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = bytes.readUInt16LE(body);
      channels = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      bits = bytes.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (format !== 1 || bits !== 16) throw new BadInputError(`unsupported WAV encoding (format ${format}, ${bits} bit)`, file);
      const frames = Math.floor(Math.min(size, bytes.length - body) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) sum += bytes.readInt16LE(body + 2 * (i * channels + c));
        samples[i] = sum / channels / 32768;
      }
      return { samples, sampleRate, origin: file };
    }
    offset = body + size + (size % 2);
  }
  throw new BadInputError('WAV file has no data chunk', file);
}
