import path from 'node:path';

/** The containers/codecs emotrans decodes, plus the ones it recognises only to name them in an error. */
export type AudioFormat = 'wav' | 'rf64' | 'flac' | 'ogg-vorbis' | 'ogg-flac' | 'ogg-opus' | 'ogg-other' | 'mp3' | 'unknown';

/** Whether the bytes at `offset` start an MPEG audio layer III frame header. */
export function isMp3FrameHeader(bytes: Uint8Array, offset: number): boolean {
  if (offset + 4 > bytes.length) return false;
  const b1 = bytes[offset + 1];
  const b2 = bytes[offset + 2];
  return (
    bytes[offset] === 0xff &&
    (b1 & 0xe0) === 0xe0 && // 11 sync bits
    ((b1 >> 3) & 3) !== 1 && // version: not reserved
    ((b1 >> 1) & 3) === 1 && // layer III
    b2 >> 4 !== 0xf && // bitrate index not 'bad'
    ((b2 >> 2) & 3) !== 3 // sample rate index not reserved
  );
}

/** Which codec the first Ogg page carries, from its first packet's signature. */
function oggCodec(bytes: Uint8Array): AudioFormat {
  if (bytes.length < 28) return 'ogg-other';
  const segments = bytes[26];
  const packet = Buffer.from(bytes.buffer, bytes.byteOffset + 27 + segments, Math.max(0, Math.min(8, bytes.length - 27 - segments)));
  if (packet.toString('latin1', 0, 7) === '\x01vorbis') return 'ogg-vorbis';
  if (packet.toString('latin1', 0, 8) === 'OpusHead') return 'ogg-opus';
  if (packet.toString('latin1', 0, 5) === '\x7fFLAC') return 'ogg-flac';
  return 'ogg-other';
}

/**
 * Recognises an audio file by its first bytes (the extension is a hint only for MP3 streams, which may start
 * with junk before the first frame).
 */
export function sniffAudioFormat(bytes: Uint8Array, file: string): AudioFormat {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 12)).toString('latin1');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WAVE') return 'wav';
  if ((head.startsWith('RF64') || head.startsWith('BW64')) && head.slice(8, 12) === 'WAVE') return 'rf64';
  if (head.startsWith('fLaC')) return 'flac';
  if (head.startsWith('OggS')) return oggCodec(bytes);
  if (head.startsWith('ID3') || isMp3FrameHeader(bytes, 0)) return 'mp3';
  if (path.extname(file).toLowerCase() === '.mp3') return 'mp3';
  return 'unknown';
}

/** A short printable view of a file's first bytes, for "not an audio file" messages. */
export function describeHead(bytes: Uint8Array): string {
  const head = Array.from(bytes.subarray(0, 8), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return JSON.stringify(head);
}
