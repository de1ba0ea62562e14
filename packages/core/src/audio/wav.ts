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

interface WavFormat {
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

/**
 * De-interleaves `frames` frames of the data chunk into one Float32Array per channel, scaled to [-1, 1).
 * The bytes are copied to an aligned buffer so typed-array views read them directly.
 */
function deinterleave(bytes: Buffer, body: number, frames: number, format: WavFormat): Float32Array[] {
  const aligned = new Uint8Array(frames * format.blockAlign);
  aligned.set(bytes.subarray(body, body + aligned.length));
  const n = format.channels;
  const channels = Array.from({ length: n }, () => new Float32Array(frames));
  const fill = (view: ArrayLike<number>, scale: number, offset = 0) => {
    for (let c = 0; c < n; c++) {
      const out = channels[c];
      for (let i = 0, k = c; i < frames; i++, k += n) out[i] = (view[k] - offset) * scale;
    }
  };
  if (format.tag === IEEE_FLOAT) {
    fill(format.bits === 32 ? new Float32Array(aligned.buffer) : new Float64Array(aligned.buffer), 1);
  } else if (format.bits === 8) {
    fill(aligned, 1 / 128, 128); // 8-bit WAV is unsigned
  } else if (format.bits === 16) {
    fill(new Int16Array(aligned.buffer), 1 / 32768);
  } else if (format.bits === 32) {
    fill(new Int32Array(aligned.buffer), 1 / 2147483648);
  } else {
    // 24 bit: three little-endian bytes, sign-extended through the top byte.
    for (let c = 0; c < n; c++) {
      const out = channels[c];
      for (let i = 0, o = 3 * c; i < frames; i++, o += format.blockAlign) {
        out[i] = (((aligned[o + 2] << 24) | (aligned[o + 1] << 16) | (aligned[o] << 8)) >> 8) / 8388608;
      }
    }
  }
  return channels;
}

/**
 * Decodes a RIFF/WAVE file: integer PCM of 8/16/24/32 bit and IEEE float of 32/64 bit, plain or
 * WAVE_FORMAT_EXTENSIBLE, any number of channels. A data chunk that declares more bytes than the file holds
 * is a truncated file (an error), except for the 0 / 0xFFFFFFFF sizes streaming writers leave behind.
 */
export function decodeWav(bytes: Buffer, file: string): DecodedAudio {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new BadInputError('not a WAV file (no RIFF/WAVE header)', file);
  }
  let offset = 12;
  let format: WavFormat | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = readFormat(bytes, body, size, file);
    } else if (id === 'data') {
      if (!format) throw new BadInputError('WAV data chunk comes before the fmt chunk', file);
      const available = bytes.length - body;
      let length = size;
      if (size === 0xffffffff || (size === 0 && available > 0)) length = available;
      else if (size > available) {
        throw new BadInputError(`truncated WAV file: the data chunk declares ${size} bytes but only ${available} are present`, file);
      }
      const frames = Math.floor(length / format.blockAlign);
      if (frames === 0) throw new BadInputError('WAV file holds no audio samples', file);
      return { channels: deinterleave(bytes, body, frames, format), sampleRate: format.sampleRate };
    }
    offset = body + size + (size % 2);
  }
  throw new BadInputError(format ? 'WAV file has no data chunk (truncated file?)' : 'WAV file has no fmt chunk (truncated file?)', file);
}
