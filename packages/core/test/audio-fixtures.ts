/*
 * Test helpers (not a test file): WAV bytes of known samples in each encoding, written here independently of
 * the decoder, and simple measurements of a decoded signal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

export const BITS: Record<WavEncoding, number> = { pcm8: 8, pcm16: 16, pcm24: 24, pcm32: 32, float32: 32, float64: 64 };

/** What the decoder must return for `x` stored in `encoding`: the quantised value over 2^(bits-1). */
export function stored(x: number, encoding: WavEncoding): number {
  if (encoding === 'float32') return Math.fround(x);
  if (encoding === 'float64') return x;
  const full = 2 ** (BITS[encoding] - 1);
  return Math.max(-full, Math.min(full - 1, Math.round(x * full))) / full;
}

function writeSample(out: Buffer, offset: number, x: number, encoding: WavEncoding): void {
  const bits = BITS[encoding];
  if (encoding === 'float32') out.writeFloatLE(x, offset);
  else if (encoding === 'float64') out.writeDoubleLE(x, offset);
  else {
    const q = Math.round(stored(x, encoding) * 2 ** (bits - 1));
    if (bits === 8) out.writeUInt8(q + 128, offset);
    else out.writeIntLE(q, offset, bits / 8);
  }
}

export interface WavOptions {
  sampleRate?: number;
  /** Write a WAVE_FORMAT_EXTENSIBLE fmt chunk. */
  extensible?: boolean;
  /** Override the fmt format tag (e.g. 6 for A-law) to make unsupported files. */
  formatTag?: number;
  /** Put a LIST chunk before fmt, to check chunks are walked. */
  extraChunk?: boolean;
}

/** A RIFF/WAVE file of the given channels (each an array of samples in [-1, 1]). */
export function wavBytes(channels: readonly ArrayLike<number>[], encoding: WavEncoding, options: WavOptions = {}): Buffer {
  const rate = options.sampleRate ?? 16000;
  const bits = BITS[encoding];
  const bytesPer = bits / 8;
  const frames = channels[0].length;
  const blockAlign = bytesPer * channels.length;
  const data = Buffer.alloc(frames * blockAlign);
  for (let i = 0; i < frames; i++) channels.forEach((c, k) => writeSample(data, i * blockAlign + k * bytesPer, c[i], encoding));
  const tag = options.formatTag ?? (encoding.startsWith('float') ? 3 : 1);
  const fmt = Buffer.alloc(options.extensible ? 40 : 16);
  fmt.writeUInt16LE(options.extensible ? 0xfffe : tag, 0);
  fmt.writeUInt16LE(channels.length, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(bits, 14);
  if (options.extensible) {
    fmt.writeUInt16LE(22, 16); // cbSize
    fmt.writeUInt16LE(bits, 18); // valid bits
    fmt.writeUInt32LE(channels.length === 2 ? 3 : 4, 20); // channel mask
    // Sub-format GUID: the format tag followed by the fixed KSDATAFORMAT tail.
    Buffer.from([tag & 0xff, tag >> 8, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]).copy(fmt, 24);
  }
  const chunk = (id: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'ascii');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, Buffer.alloc(body.length % 2)]);
  };
  const chunks = [
    ...(options.extraChunk ? [chunk('LIST', Buffer.from('INFOISFT\x05\x00\x00\x00test\x00', 'latin1'))] : []),
    chunk('fmt ', fmt),
    chunk('data', data),
  ];
  const body = Buffer.concat([Buffer.from('WAVE'), ...chunks]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** amplitude * sin(2 pi f t) sampled at `rate` for `seconds`. */
export function sine(frequency: number, rate: number, seconds: number, amplitude = 0.5): Float64Array {
  const out = new Float64Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  return out;
}

export function rms(x: ArrayLike<number>, start = 0, end = x.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (end - start));
}

/** Frequency from upward zero crossings between `start` and `end` (first to last crossing). */
export function zeroCrossingFrequency(x: ArrayLike<number>, rate: number, start = 0, end = x.length): number {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = Math.max(1, start); i < end; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      // Linear interpolation of the crossing instant.
      const at = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
      if (first < 0) first = at;
      else count++;
      last = at;
    }
  }
  return (count * rate) / (last - first);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `emotrans-${prefix}-`));
}

export const FIXTURES = path.join(__dirname, 'fixtures');

/** The known signal of the committed compressed fixtures (see fixtures/make-audio-fixtures.sh). */
export function fixtureSine(): Float64Array {
  const out = new Float64Array(8000);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(16384 * Math.sin((2 * Math.PI * 440 * i) / 16000)) / 32768;
  return out;
}
