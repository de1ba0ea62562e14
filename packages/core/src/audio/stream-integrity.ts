
/*
 * Checks that a compressed stream is whole. The wasm decoders stop quietly at a cut, so a truncated file
 * would otherwise pass as a shorter clip.
 */

/** Total samples per channel declared in a FLAC STREAMINFO block (0 when the encoder did not know it). */
export function flacDeclaredSamples(bytes: Uint8Array): number | undefined {
  // 'fLaC', block header (4), then STREAMINFO: 10 bytes of block/frame sizes, 20 bits rate, 3 channels,
  // 5 bits per sample, 36 bits total samples (ending at byte 25 of the file).
  if (bytes.length < 26) return undefined;
  return (bytes[21] & 0x0f) * 2 ** 32 + bytes[22] * 2 ** 24 + bytes[23] * 2 ** 16 + bytes[24] * 2 ** 8 + bytes[25];
}

/** Bits per sample declared in a FLAC STREAMINFO block. */
export function flacBitsPerSample(bytes: Uint8Array): number | undefined {
  if (bytes.length < 26) return undefined;
  return (((bytes[20] & 0x01) << 4) | (bytes[21] >> 4)) + 1;
}

/** Why an Ogg stream is incomplete (a page cut short, or no end-of-stream page), or undefined when whole. */
export function oggIncompleteness(bytes: Uint8Array): string | undefined {
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 27 > bytes.length) return `the Ogg page at byte ${offset} is cut short`;
    if (bytes[offset] !== 0x4f || bytes[offset + 1] !== 0x67 || bytes[offset + 2] !== 0x67 || bytes[offset + 3] !== 0x53) {
      return `no Ogg page where one should start (byte ${offset})`;
    }
    const flags = bytes[offset + 5];
    const segments = bytes[offset + 26];
    let end = offset + 27 + segments;
    if (end > bytes.length) return `the Ogg page at byte ${offset} is cut short`;
    for (let i = offset + 27; i < offset + 27 + segments; i++) end += bytes[i];
    if (end > bytes.length) return `the Ogg page at byte ${offset} is cut short`;
    if (flags & 0x04) return undefined; // end of stream (chained streams after it are not followed)
    offset = end;
  }
  return 'the stream has no end-of-stream page';
}

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
export const MPEG1_RATES = [44100, 48000, 32000];

/** Byte length of the ID3v2 tag at the start, if any. */
export function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const size = (bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9]; // synchsafe integer
  return 10 + size + (bytes[5] & 0x10 ? 10 : 0);
}

/** Byte length of the MPEG layer III frame starting at `offset` (undefined for free-format frames). */
export function mp3FrameLength(bytes: Uint8Array, offset: number): number | undefined {
  const b1 = bytes[offset + 1];
  const b2 = bytes[offset + 2];
  const version = (b1 >> 3) & 3; // 3: MPEG1, 2: MPEG2, 0: MPEG2.5
  const kbps = (version === 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[b2 >> 4];
  if (!kbps) return undefined;
  const rate = MPEG1_RATES[(b2 >> 2) & 3] / (version === 3 ? 1 : version === 2 ? 2 : 4);
  const padding = (b2 >> 1) & 1;
  return Math.floor(((version === 3 ? 144000 : 72000) * kbps) / rate) + padding;
}
