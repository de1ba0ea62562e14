import fs from 'node:fs';
import type { AudioSignal } from '../data/audio';
import { BadInputError, fileReadError } from '../runtime/errors';
import { decodeCompressed, FORMAT_LABELS, type CompressedFormat } from './compressed';
import type { DecodedAudio } from './decoded-audio';
import { mixDown } from './mix-down';
import { describeHead, sniffAudioFormat } from './sniff-format';
import { flacBitsPerSample, flacDeclaredSamples, mp3Incompleteness, oggIncompleteness } from './stream-integrity';
import { decodeWav } from './wav';

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw fileReadError(error, file, 'audio', 'audio file not found');
  }
}

/** Checks a compressed stream is whole before and after decoding (the decoders stop quietly at a cut). */
function checkComplete(format: CompressedFormat, bytes: Buffer, decoded: DecodedAudio | undefined, file: string): void {
  const label = FORMAT_LABELS[format];
  let problem: string | undefined;
  if (format === 'ogg-vorbis' || format === 'ogg-flac') problem = oggIncompleteness(bytes);
  else if (format === 'mp3') problem = mp3Incompleteness(bytes);
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
  const bytes = readBytes(file);
  if (bytes.length === 0) throw new BadInputError('empty file (0 bytes), expected audio', file);
  const format = sniffAudioFormat(bytes, file);
  let decoded: DecodedAudio;
  switch (format) {
    case 'wav':
      decoded = decodeWav(bytes, file);
      break;
    case 'flac':
    case 'ogg-flac':
    case 'ogg-vorbis':
    case 'mp3':
      if (format !== 'flac') checkComplete(format, bytes, undefined, file);
      decoded = await decodeCompressed(format, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), file);
      if (format === 'flac') {
        checkComplete(format, bytes, decoded, file);
        decoded = rescaleFlac(decoded, flacBitsPerSample(bytes));
      }
      break;
    case 'rf64':
      throw new BadInputError('unsupported audio: RF64/BW64 (WAV over 4 GiB); convert it to FLAC or split it', file);
    case 'ogg-opus':
      throw new BadInputError('unsupported audio: Ogg Opus (supported: WAV, FLAC, Ogg Vorbis, Ogg FLAC, MP3)', file);
    case 'ogg-other':
      throw new BadInputError('unsupported audio: an Ogg stream of an unknown codec (supported: Ogg Vorbis, Ogg FLAC)', file);
    default:
      throw new BadInputError(`not an audio file that emotrans reads (WAV, FLAC, Ogg Vorbis, MP3); it starts with ${describeHead(bytes)}`, file);
  }
  return { samples: mixDown(decoded.channels, decoded.sampleRate, file), sampleRate: decoded.sampleRate, origin: file };
}
