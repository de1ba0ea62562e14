import fs from 'node:fs';
import type { AudioSignal } from '../data/audio';
import { BadInputError } from '../runtime/errors';
import { decodeCompressed, FORMAT_LABELS, type CompressedFormat } from './compressed';
import type { DecodedAudio } from './decoded-audio';
import { mixDown } from './mix-down';
import { describeHead, sniffAudioFormat } from './sniff-format';
import { flacBitsPerSample, flacDeclaredSamples, oggIncompleteness } from './stream-integrity';
import { decodeWavMono, fileSource, forEachMonoBlock, readWavLayout } from './wav';
import { createBlockResampler, createStreamResampler } from './resample';
import { checkDeclaredAudio, type DeclaredAudio } from './audio-bounds';
import type { Mp3Structure } from './mp3-structure';
import { checkMp3DecodedLength, checkMp3Structure } from './mp3-checks';
import { checkDecodedLength } from './decoded-length';
import { openAudioFile, readWhole } from './open-audio-file';

/** The granule position of the last Ogg page: the stream's length in samples per channel. */
function oggLastGranule(bytes: Uint8Array): number | undefined {
  for (let offset = bytes.length - 27; offset >= Math.max(0, bytes.length - 65536 - 27); offset--) {
    if (bytes[offset] === 0x4f && bytes[offset + 1] === 0x67 && bytes[offset + 2] === 0x67 && bytes[offset + 3] === 0x53) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + offset + 6, 8);
      const granule = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
      return granule > 0 && granule < 2 ** 53 ? granule : undefined;
    }
  }
  return undefined;
}

/** What a compressed file's header declares (rate, channels, length), for the bounds checked before decoding. */
function declaredCompressed(format: CompressedFormat, bytes: Buffer): DeclaredAudio | undefined {
  if (format === 'flac' && bytes.length >= 26) {
    const sampleRate = (bytes[18] << 12) | (bytes[19] << 4) | (bytes[20] >> 4);
    const channels = ((bytes[20] >> 1) & 7) + 1;
    return { sampleRate, channels, frames: flacDeclaredSamples(bytes) };
  }
  if (format === 'ogg-vorbis' && bytes.length >= 58) {
    // The identification header: packet type 1, 'vorbis', version (4), channels (1), rate (4).
    const at = 27 + bytes[26];
    if (bytes.toString('latin1', at + 1, at + 7) !== 'vorbis') return undefined;
    return { sampleRate: bytes.readUInt32LE(at + 12), channels: bytes[at + 11], frames: oggLastGranule(bytes) };
  }
  return undefined;
}

/** Checks a compressed stream is whole before and after decoding (the decoders stop quietly at a cut). */
function checkComplete(format: CompressedFormat, bytes: Buffer, decoded: DecodedAudio | undefined, file: string): void {
  const label = FORMAT_LABELS[format];
  let problem: string | undefined;
  if (format === 'ogg-vorbis' || format === 'ogg-flac') problem = oggIncompleteness(bytes);
  else if (decoded) {
    const declared = flacDeclaredSamples(bytes);
    const got = decoded.channels[0].length;
    if (declared && got < declared) problem = `STREAMINFO declares ${declared} samples per channel but only ${got} decode`;
  }
  if (problem) throw new BadInputError(`truncated or corrupt ${label} file: ${problem}`, file);
}

/**
 * The FLAC decoder scales b-bit integers by 1 / (2^(b-1) - 1); WAV (and most tools) by 1 / 2^(b-1). Rescaled
 * so a lossless FLAC decodes to exactly the samples of the WAV it was made from.
 */
function rescaleFlac(decoded: DecodedAudio, bits: number | undefined): DecodedAudio {
  if (!bits || bits > 24) return decoded;
  const top = 2 ** (bits - 1);
  const channels = decoded.channels.map((channel) => {
    const out = new Float32Array(channel.length);
    for (let i = 0; i < channel.length; i++) out[i] = Math.round(channel[i] * (top - 1)) / top;
    return out;
  });
  return { channels, sampleRate: decoded.sampleRate };
}

/**
 * Decodes an audio file to mono float samples at its own rate: WAV (integer PCM 8/16/24/32 bit, float 32/64
 * bit, WAVE_FORMAT_EXTENSIBLE), FLAC, Ogg Vorbis, Ogg FLAC and MP3. Channels are averaged. Every problem —
 * missing, empty, truncated, not audio, unsupported encoding, non-finite samples — is a BadInputError naming
 * the file.
 */
export async function decodeAudioFile(file: string): Promise<AudioSignal> {
  const { fd, size } = openAudioFile(file);
  try {
    return await decodeOpenFile(fd, size, file);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A WAV file decoded to mono and resampled to `rate` block by block, so neither the file nor its samples at
 * their own rate are ever held whole (2 h of 48 kHz stereo read for 16 kHz analysis holds only the 16 kHz
 * result). Undefined when the file is not a WAV or already at `rate` (decodeAudioFile then does the work).
 */
export async function decodeWavFileAt(file: string, rate: number): Promise<AudioSignal | undefined> {
  const { fd, size } = openAudioFile(file);
  try {
    if (size === 0) return undefined;
    const source = fileSource(fd, size);
    if (sniffAudioFormat(source.read(0, 64), file) !== 'wav') return undefined;
    const layout = readWavLayout(source, file);
    const { sampleRate, channels } = layout.format;
    if (sampleRate === rate) return undefined;
    checkDeclaredAudio({ sampleRate, channels, frames: Math.ceil((layout.frames * rate) / sampleRate), copies: 1 }, file, 'WAV');
    const resampler = await createBlockResampler(sampleRate, rate, layout.frames, file);
    forEachMonoBlock(source, layout, file, (mono) => resampler.push(mono));
    return { samples: resampler.finish(), sampleRate: rate, origin: file };
  } finally {
    fs.closeSync(fd);
  }
}

/** A WAV file read as mono blocks: see openWavBlocks. */
export interface WavBlocks {
  /** Rate of the blocks (the file's own, or the one asked for). */
  readonly sampleRate: number;
  /** Samples the blocks add up to. */
  readonly frames: number;
  /** Hands the samples on in order, block by block (a reused array: copy what you keep). */
  read(each: (block: Float32Array) => void): Promise<void>;
  close(): void;
}

/**
 * A WAV file opened for reading in blocks of about 1 MiB of file, mixed down to mono and, when `rate` is given
 * and differs from the file's, resampled as it is read (the same conversion decodeWavFileAt makes): neither
 * the file nor its samples are ever held whole, so any length fits in memory. Undefined when the file is not
 * a WAV (compressed files are decoded whole). The caller closes it.
 */
export function openWavBlocks(file: string, rate?: number): WavBlocks | undefined {
  const { fd, size } = openAudioFile(file);
  try {
    const source = fileSource(fd, size);
    if (size === 0 || sniffAudioFormat(source.read(0, 64), file) !== 'wav') {
      fs.closeSync(fd);
      return undefined;
    }
    const layout = readWavLayout(source, file);
    const own = layout.format.sampleRate;
    // Rate and channels are checked; no decoded-size budget: the samples are never held whole.
    checkDeclaredAudio({ sampleRate: own, channels: layout.format.channels }, file, 'WAV');
    const target = rate ?? own;
    return {
      sampleRate: target,
      frames: target === own ? layout.frames : Math.round((layout.frames * target) / own),
      async read(each) {
        if (target === own) return forEachMonoBlock(source, layout, file, (mono) => each(mono));
        const resampler = await createStreamResampler(own, target, layout.frames, file, each);
        try {
          forEachMonoBlock(source, layout, file, (mono) => resampler.push(mono));
        } catch (error) {
          resampler.cancel();
          throw error;
        }
        resampler.finish();
      },
      close: () => fs.closeSync(fd),
    };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

async function decodeOpenFile(fd: number, size: number, file: string): Promise<AudioSignal> {
  if (size === 0) throw new BadInputError('empty file (0 bytes), expected audio', file);
  const source = fileSource(fd, size);
  const format = sniffAudioFormat(source.read(0, 64 * 1024), file);
  if (format === 'wav') {
    // Read in blocks straight to mono: no copy of the file, no per-channel arrays.
    const layout = readWavLayout(source, file);
    checkDeclaredAudio({ sampleRate: layout.format.sampleRate, channels: layout.format.channels, frames: layout.frames, copies: 1 }, file, 'WAV');
    return { samples: decodeWavMono(source, layout, file), sampleRate: layout.format.sampleRate, origin: file };
  }
  let decoded: DecodedAudio;
  switch (format) {
    case 'flac':
    case 'ogg-flac':
    case 'ogg-vorbis':
    case 'mp3': {
      const label = FORMAT_LABELS[format];
      const bytes = readWhole(fd, size, file, label);
      let mp3: Mp3Structure | undefined;
      if (format === 'mp3') {
        mp3 = checkMp3Structure(bytes, file, true);
      } else {
        const declared = declaredCompressed(format, bytes);
        if (declared) checkDeclaredAudio(declared, file, label);
        if (format !== 'flac') checkComplete(format, bytes, undefined, file);
      }
      decoded = await decodeCompressed(format, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), file);
      checkDeclaredAudio({ sampleRate: decoded.sampleRate, channels: decoded.channels.length }, file, label);
      if (mp3) checkMp3DecodedLength(decoded.channels[0].length, decoded.sampleRate, mp3, file);
      if (format === 'ogg-vorbis') checkDecodedLength(decoded.channels[0].length, decoded.sampleRate, declaredCompressed(format, bytes)?.frames, 4096, label, file);
      if (format === 'flac') {
        checkComplete(format, bytes, decoded, file);
        decoded = rescaleFlac(decoded, flacBitsPerSample(bytes));
      }
      break;
    }
    case 'rf64':
      throw new BadInputError('unsupported audio: RF64/BW64 (WAV over 4 GiB); convert it to FLAC or split it', file);
    case 'ogg-opus':
      throw new BadInputError('unsupported audio: Ogg Opus (supported: WAV, FLAC, Ogg Vorbis, Ogg FLAC, MP3)', file);
    case 'ogg-other':
      throw new BadInputError('unsupported audio: an Ogg stream of an unknown codec (supported: Ogg Vorbis, Ogg FLAC)', file);
    default:
      throw new BadInputError(`not an audio file that emotrans reads (WAV, FLAC, Ogg Vorbis, MP3); it starts with ${describeHead(source.read(0, 8))}`, file);
  }
  return { samples: mixDown(decoded.channels, decoded.sampleRate, file), sampleRate: decoded.sampleRate, origin: file };
}
