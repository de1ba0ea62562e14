import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BadInputError } from '../runtime/errors';
import type { DecodedAudio } from './decoded-audio';

/** Compressed formats decoded by the @audio/* wasm decoders. */
export type CompressedFormat = 'flac' | 'ogg-flac' | 'ogg-vorbis' | 'mp3';

const DECODER_PACKAGES: Record<CompressedFormat, string> = {
  flac: '@audio/decode-flac',
  'ogg-flac': '@audio/decode-flac',
  'ogg-vorbis': '@audio/decode-vorbis',
  mp3: '@audio/decode-mp3',
};

export const FORMAT_LABELS: Record<CompressedFormat, string> = { flac: 'FLAC', 'ogg-flac': 'Ogg FLAC', 'ogg-vorbis': 'Ogg Vorbis', mp3: 'MP3' };

interface DecoderOutput {
  channelData: Float32Array[];
  sampleRate: number;
}
type DecoderModule = { default: (bytes: Uint8Array) => Promise<DecoderOutput> };

// The decoders are ES modules; a real import() (which tsc would otherwise rewrite to require) loads them
// from this CommonJS build.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function loadDecoder(format: CompressedFormat): Promise<DecoderModule> {
  return (await importEsm(pathToFileURL(require.resolve(DECODER_PACKAGES[format])).href)) as DecoderModule;
}

/** @audio/decode-mp3's streaming decoder: chunks of the file in, the samples they complete out. */
export interface Mp3StreamDecoder {
  decode(chunk: Uint8Array): DecoderOutput;
  free(): void;
}

/**
 * What makes streaming MP3 decoders, or undefined where import() is unavailable (inside jest's vm sandbox:
 * the caller then decodes the file whole, in a worker).
 */
export async function mp3StreamDecoders(): Promise<(() => Promise<Mp3StreamDecoder>) | undefined> {
  try {
    const module = (await importEsm(pathToFileURL(require.resolve(DECODER_PACKAGES.mp3)).href)) as { decoder: () => Promise<Mp3StreamDecoder> };
    return module.decoder;
  } catch {
    return undefined;
  }
}

/** Runs a decoder on the bytes in this thread (throws the decoder's own errors). */
export async function decodeWithDecoder(decoder: DecoderModule, bytes: Uint8Array): Promise<DecodedAudio> {
  const out = await decoder.default(bytes);
  return { channels: out.channelData ?? [], sampleRate: out.sampleRate ?? 0 };
}

/** Decodes in this thread; used directly and by the worker. */
export async function decodeCompressedHere(format: CompressedFormat, bytes: Uint8Array): Promise<DecodedAudio> {
  return decodeWithDecoder(await loadDecoder(format), bytes);
}

function workerFile(): string {
  const beside = path.join(__dirname, 'compressed-worker.js');
  // Loaded from src (ts-jest): use the built worker.
  return fs.existsSync(beside) ? beside : path.resolve(__dirname, '..', '..', 'dist', 'audio', 'compressed-worker.js');
}

/** Decodes in a worker thread: the fallback where import() is unavailable (inside jest's vm sandbox). */
function decodeInWorker(format: CompressedFormat, bytes: Uint8Array): Promise<DecodedAudio> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: { format, bytes } });
    worker.once('message', (message: { ok: true; channels: Float32Array[]; sampleRate: number } | { ok: false; message: string }) => {
      void worker.terminate();
      if (message.ok) resolve({ channels: message.channels, sampleRate: message.sampleRate });
      else reject(new Error(message.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`decoder worker exited with code ${code}`)));
  });
}

/**
 * Decodes FLAC, Ogg Vorbis/FLAC or MP3 bytes. Errors name the file; a stream that yields no samples is
 * reported as corrupt.
 */
export async function decodeCompressed(format: CompressedFormat, bytes: Uint8Array, file: string): Promise<DecodedAudio> {
  const label = FORMAT_LABELS[format];
  let decoded: DecodedAudio;
  try {
    let decoder: DecoderModule | undefined;
    try {
      decoder = await loadDecoder(format);
    } catch {
      decoder = undefined;
    }
    decoded = decoder ? await decodeWithDecoder(decoder, bytes) : await decodeInWorker(format, bytes);
  } catch (error) {
    throw new BadInputError(`cannot decode ${label}: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  if (decoded.channels.length === 0 || decoded.channels[0].length === 0 || !(decoded.sampleRate > 0)) {
    throw new BadInputError(`no decodable audio in the ${label} stream (corrupt or truncated file?)`, file);
  }
  return decoded;
}
