import fs from 'node:fs';
import { BadInputError } from '../runtime/errors';
import type { DecodedAudio } from './decoded-audio';

/** WAVE format tags (fmt chunk `wFormatTag`); the sub-format GUID of WAVE_FORMAT_EXTENSIBLE starts with one. */
const PCM = 0x0001;
const IEEE_FLOAT = 0x0003;
const EXTENSIBLE = 0xfffe;
const FORMAT_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'mu-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MPEG layer 3',
};

export interface WavFormat {
  readonly tag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly blockAlign: number;
  readonly bits: number;
}

function formatName(tag: number): string {
  return FORMAT_NAMES[tag] ? `${FORMAT_NAMES[tag]} (format tag 0x${tag.toString(16).padStart(4, '0')})` : `format tag 0x${tag.toString(16).padStart(4, '0')}`;
}

function readFormat(bytes: Buffer, body: number, size: number, file: string): WavFormat {
  if (size < 16 || body + 16 > bytes.length) throw new BadInputError(`WAV fmt chunk is ${size} bytes, too short (truncated file?)`, file);
  let tag = bytes.readUInt16LE(body);
  const channels = bytes.readUInt16LE(body + 2);
  const sampleRate = bytes.readUInt32LE(body + 4);
  const blockAlign = bytes.readUInt16LE(body + 12);
  const bits = bytes.readUInt16LE(body + 14);
  if (tag === EXTENSIBLE) {
    // cbSize(2) validBits(2) channelMask(4) then the sub-format GUID whose first two bytes are the real tag.
    if (size < 40 || body + 26 > bytes.length) throw new BadInputError('WAVE_FORMAT_EXTENSIBLE fmt chunk is too short', file);
    tag = bytes.readUInt16LE(body + 24);
  }
  if (tag !== PCM && tag !== IEEE_FLOAT) throw new BadInputError(`unsupported WAV encoding: ${formatName(tag)}; convert it to PCM or float WAV`, file);
  if (channels < 1) throw new BadInputError('WAV fmt chunk declares 0 channels', file);
  if (sampleRate < 1) throw new BadInputError('WAV fmt chunk declares a sample rate of 0 Hz', file);
  const supported = tag === PCM ? [8, 16, 24, 32] : [32, 64];
  if (!supported.includes(bits)) {
    throw new BadInputError(`unsupported WAV encoding: ${bits}-bit ${tag === PCM ? 'integer PCM' : 'float'} (supported: ${supported.join(', ')} bit)`, file);
  }
  if (blockAlign !== channels * (bits / 8)) {
    throw new BadInputError(`WAV fmt chunk is inconsistent: block align ${blockAlign} for ${channels} channels of ${bits} bit`, file);
  }
  return { tag, channels, sampleRate, blockAlign, bits };
}

/** Bytes of a file or buffer read by position, so a WAV of any size is decoded without holding it whole. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end). */
  read(offset: number, length: number): Buffer;
  /** Reads up to `length` bytes at `offset` into `out` (no new buffer per block); returns how many. */
  readInto?(offset: number, length: number, out: Uint8Array): number;
}

export function bufferSource(bytes: Buffer): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

export function fileSource(fd: number, size: number): ByteSource {
  const readInto = (offset: number, length: number, out: Uint8Array): number => {
    const want = Math.max(0, Math.min(length, size - offset, out.length));
    let got = 0;
    while (got < want) {
      const n = fs.readSync(fd, out, got, want - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return got;
  };
  return {
    size,
    read(offset, length) {
      const out = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - offset)));
      return out.subarray(0, readInto(offset, length, out));
    },
    readInto,
  };
}

/** Where a WAV file's samples are and how they are stored, from its chunk headers alone. */
export interface WavLayout {
  readonly format: WavFormat;
  readonly dataOffset: number;
  readonly frames: number;
}

/**
 * Walks a RIFF/WAVE file's chunks to its fmt and data chunks. A data chunk that declares more bytes than the
 * file holds is a truncated file (an error), except for the 0 / 0xFFFFFFFF sizes streaming writers leave.
 */
export function readWavLayout(source: ByteSource, file: string): WavLayout {
  const head = source.read(0, 12);
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') {
    throw new BadInputError('not a WAV file (no RIFF/WAVE header)', file);
  }
  let offset = 12;
  let format: WavFormat | undefined;
  while (offset + 8 <= source.size) {
    const chunk = source.read(offset, 8);
    const id = chunk.toString('ascii', 0, 4);
    const size = chunk.readUInt32LE(4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = readFormat(source.read(body, Math.min(size, 64)), 0, size, file);
    } else if (id === 'data') {
      if (!format) throw new BadInputError('WAV data chunk comes before the fmt chunk', file);
      const available = source.size - body;
      let length = size;
      if (size === 0xffffffff || (size === 0 && available > 0)) length = available;
      else if (size > available) {
        throw new BadInputError(`truncated WAV file: the data chunk declares ${size} bytes but only ${available} are present`, file);
      }
      const frames = Math.floor(length / format.blockAlign);
      if (frames === 0) throw new BadInputError('WAV file holds no audio samples', file);
      return { format, dataOffset: body, frames };
    }
    offset = body + size + (size % 2);
  }
  throw new BadInputError(format ? 'WAV file has no data chunk (truncated file?)' : 'WAV file has no fmt chunk (truncated file?)', file);
}

/**
 * Converts channel `c` of `frames` interleaved frames in `block` (an aligned copy) to floats in [-1, 1),
 * times `scale`, into `out` from `at`: stored when `add` is false, added (mixing down) when true.
 */
function convertChannel(block: Uint8Array, frames: number, format: WavFormat, c: number, out: Float32Array, at: number, scale: number, add: boolean): void {
  const n = format.channels;
  const put = (i: number, x: number) => {
    out[at + i] = add ? out[at + i] + x * scale : x * scale;
  };
  if (format.tag === IEEE_FLOAT) {
    const view = format.bits === 32 ? new Float32Array(block.buffer, block.byteOffset, frames * n) : new Float64Array(block.buffer, block.byteOffset, frames * n);
    for (let i = 0, k = c; i < frames; i++, k += n) put(i, view[k]);
  } else if (format.bits === 8) {
    for (let i = 0, k = c; i < frames; i++, k += n) put(i, (block[k] - 128) / 128); // 8-bit WAV is unsigned
  } else if (format.bits === 16) {
    const view = new Int16Array(block.buffer, block.byteOffset, frames * n);
    for (let i = 0, k = c; i < frames; i++, k += n) put(i, view[k] / 32768);
  } else if (format.bits === 32) {
    const view = new Int32Array(block.buffer, block.byteOffset, frames * n);
    for (let i = 0, k = c; i < frames; i++, k += n) put(i, view[k] / 2147483648);
  } else {
    // 24 bit: three little-endian bytes, sign-extended through the top byte.
    for (let i = 0, o = 3 * c; i < frames; i++, o += format.blockAlign) put(i, (((block[o + 2] << 24) | (block[o + 1] << 16) | (block[o] << 8)) >> 8) / 8388608);
  }
}

/** One channel of 16-bit PCM as floats (x 2^-15, the same values as convertChannel's x / 32768): the common case, in a loop of its own. */
function storeMono16(block: Uint8Array, frames: number, out: Float32Array): void {
  const view = new Int16Array(block.buffer, block.byteOffset, frames);
  for (let i = 0; i < frames; i++) out[i] = view[i] * 0.000030517578125;
}

/** Frames read per block: about 1 MiB of file at a time. */
const blockFrames = (format: WavFormat) => Math.max(1, Math.floor((1 << 20) / format.blockAlign));

/**
 * Reads the samples block by block, handing each block's frames to `each(start, frames, block)`.
 * The bytes are copied to an aligned buffer so typed-array views read them directly.
 */
function forEachBlock(source: ByteSource, layout: WavLayout, each: (start: number, frames: number, block: Uint8Array) => void): void {
  const { format } = layout;
  const step = blockFrames(format);
  const aligned = new Uint8Array(Math.min(step, layout.frames) * format.blockAlign + 8);
  for (let start = 0; start < layout.frames; start += step) {
    const frames = Math.min(step, layout.frames - start);
    const offset = layout.dataOffset + start * format.blockAlign;
    // Straight into the reused aligned buffer when the source can (a file: no garbage per block).
    if (source.readInto) source.readInto(offset, frames * format.blockAlign, aligned);
    else aligned.set(source.read(offset, frames * format.blockAlign));
    each(start, frames, aligned);
  }
}

/**
 * The mean of the channels (mono), block by block: `each(mono, start)` gets each block's mono samples (a
 * reused array: copy what you keep). A non-finite sample (NaN or ±Inf in a float file) is an error naming
 * its time. The file is never held whole.
 */
export function forEachMonoBlock(source: ByteSource, layout: WavLayout, file: string, each: (mono: Float32Array, start: number) => void): void {
  const { format } = layout;
  const scale = 1 / format.channels;
  const buffer = new Float32Array(Math.min(blockFrames(format), layout.frames));
  // Integer samples are always finite, and one channel of them is stored as it is (0 + x x 1 is x for them; a
  // float file's -0 would become +0 by the sum, so floats keep it)
  const integer = format.tag !== IEEE_FLOAT;
  forEachBlock(source, layout, (start, frames, block) => {
    const mono = buffer.subarray(0, frames);
    if (integer && format.channels === 1 && format.bits === 16) storeMono16(block, frames, mono);
    else if (integer && format.channels === 1) convertChannel(block, frames, format, 0, mono, 0, 1, false);
    else {
      mono.fill(0);
      for (let c = 0; c < format.channels; c++) convertChannel(block, frames, format, c, mono, 0, scale, true);
    }
    if (!integer) {
      for (let i = 0; i < frames; i++) {
        if (!Number.isFinite(mono[i])) throw new BadInputError(`audio sample ${start + i} (at ${((start + i) / format.sampleRate).toFixed(3)} s) is not a finite number`, file);
      }
    }
    each(mono, start);
  });
}

/** The mean of the channels (mono), read in blocks: memory is that of the mono samples only. */
export function decodeWavMono(source: ByteSource, layout: WavLayout, file: string): Float32Array {
  const out = new Float32Array(layout.frames);
  forEachMonoBlock(source, layout, file, (mono, start) => out.set(mono, start));
  return out;
}

/**
 * Decodes a RIFF/WAVE file to one Float32Array per channel: integer PCM of 8/16/24/32 bit and IEEE float of
 * 32/64 bit, plain or WAVE_FORMAT_EXTENSIBLE, any number of channels.
 */
export function decodeWav(bytes: Buffer, file: string): DecodedAudio {
  const source = bufferSource(bytes);
  const layout = readWavLayout(source, file);
  const channels = Array.from({ length: layout.format.channels }, () => new Float32Array(layout.frames));
  forEachBlock(source, layout, (start, frames, block) => {
    for (let c = 0; c < layout.format.channels; c++) convertChannel(block, frames, layout.format, c, channels[c], start, 1, false);
  });
  return { channels, sampleRate: layout.format.sampleRate };
}
