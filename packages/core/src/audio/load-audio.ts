import type { AudioRef, AudioSignal } from '../data/audio';
import { decodeAudioFile, decodeWavFileAt, openWavBlocks } from './decode';
import { openMp3Blocks } from './mp3-blocks';
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

/** A sequence's audio as mono blocks: see openAudioBlocks. */
export interface AudioBlocks {
  readonly sampleRate: number;
  readonly origin: string;
  /** Samples the blocks add up to (for a streamed MP3, at most: see openMp3Blocks). */
  readonly frames: number;
  /** Hands the samples on in order, block by block (a reused array: copy what you keep). */
  read(each: (block: Float32Array) => void): Promise<void>;
  close(): void;
}

/** Samples per block handed on from audio that is held whole. */
const WHOLE_BLOCK = 1 << 18;

/**
 * A sequence's audio as mono blocks at `sampleRate` (when given), the samples loadAudio gives, in order: WAV
 * and MP3 files are read (MP3 decoded) and resampled block by block, memory independent of their length
 * (an MP3's `frames` is then an upper bound: see openMp3Blocks); FLAC and Ogg files, MP3 inside jest's vm
 * sandbox, and in-memory audio are decoded whole first and handed on in blocks. The caller closes it.
 */
export async function openAudioBlocks(ref: AudioRef, sampleRate?: number): Promise<AudioBlocks> {
  const origin = audioOrigin(ref);
  const wav = ref.kind === 'file' ? (openWavBlocks(ref.path, sampleRate) ?? (await openMp3Blocks(ref.path, sampleRate))) : undefined;
  if (wav) return { sampleRate: wav.sampleRate, origin, frames: wav.frames, read: (each) => wav.read(each), close: () => wav.close() };
  let signal: AudioSignal | undefined = await loadAudio(ref, sampleRate);
  return {
    sampleRate: signal.sampleRate,
    origin,
    frames: signal.samples.length,
    async read(each) {
      const samples = signal!.samples;
      signal = undefined; // released block by block as far as the caller lets go
      for (let start = 0; start < samples.length; start += WHOLE_BLOCK) each(samples.subarray(start, start + WHOLE_BLOCK));
    },
    close: () => {
      signal = undefined;
    },
  };
}
