import { id3v2Length, MPEG1_RATES, mp3FrameLength } from './stream-integrity';
import { isMp3FrameHeader } from './sniff-format';

/*
 * The frame structure of an MP3 file, walked before decoding: the wasm decoder turns any bytes with a few
 * sync-word look-alikes into "audio" (3 MB of random bytes named .mp3 decode to noise) and stops quietly
 * at a cut, so the file is checked to be a chain of consistent frames, as long as its Xing/Info header says.
 */

/** What the frame walk found. */
export interface Mp3Structure {
  readonly frames: number;
  readonly sampleRate: number;
  readonly channels: number;
  /** Samples per channel per frame: 1152 (MPEG-1) or 576 (MPEG-2/2.5). */
  readonly samplesPerFrame: number;
  /** Frames the Xing/Info (or VBRI) header declares, when there is one. */
  readonly declaredFrames?: number;
  /** Why the file is not a whole MP3 stream, when it is not. */
  readonly problem?: string;
}

interface FrameHeader {
  readonly version: number;
  readonly sampleRate: number;
  readonly channels: number;
  readonly length: number;
}

function headerAt(bytes: Uint8Array, offset: number): FrameHeader | undefined {
  if (!isMp3FrameHeader(bytes, offset)) return undefined;
  const length = mp3FrameLength(bytes, offset);
  if (length === undefined || length < 24) return undefined; // free format or absurd
  const b1 = bytes[offset + 1];
  const version = (b1 >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const sampleRate = MPEG1_RATES[(bytes[offset + 2] >> 2) & 3] / (version === 3 ? 1 : version === 2 ? 2 : 4);
  const channels = bytes[offset + 3] >> 6 === 3 ? 1 : 2;
  return { version, sampleRate, channels, length };
}

const sameStream = (a: FrameHeader, b: FrameHeader) => a.version === b.version && a.sampleRate === b.sampleRate;

/** A header at `offset` that starts `run` consecutive frames of one stream (a real stream, not a look-alike). */
function startsRun(bytes: Uint8Array, offset: number, run: number): FrameHeader | undefined {
  const first = headerAt(bytes, offset);
  if (!first) return undefined;
  let at = offset + first.length;
  for (let k = 1; k < run; k++) {
    if (at === bytes.length) return first; // a short file: the frames up to its end are all there is
    const next = headerAt(bytes, at);
    if (!next || !sameStream(first, next)) return undefined;
    at += next.length;
  }
  return first;
}

/** Frames declared in a Xing/Info or VBRI header inside the first frame, if any. */
function declaredFrames(bytes: Uint8Array, offset: number, header: FrameHeader): number | undefined {
  const sideInfo = header.version === 3 ? (header.channels === 1 ? 17 : 32) : header.channels === 1 ? 9 : 17;
  const xing = offset + 4 + sideInfo;
  const tag = Buffer.from(bytes.buffer, bytes.byteOffset + Math.min(xing, bytes.length), Math.max(0, Math.min(4, bytes.length - xing))).toString('latin1');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if ((tag === 'Xing' || tag === 'Info') && xing + 12 <= bytes.length) {
    const flags = view.getUint32(xing + 4);
    return flags & 1 ? view.getUint32(xing + 8) : undefined;
  }
  const vbri = offset + 4 + 32;
  if (vbri + 18 <= bytes.length && Buffer.from(bytes.buffer, bytes.byteOffset + vbri, 4).toString('latin1') === 'VBRI') return view.getUint32(vbri + 14);
  return undefined;
}

/** Bytes at the end that are a known trailing tag (ID3v1, APE, Lyrics3), so they are not counted as junk. */
function trailingTagLength(bytes: Uint8Array, end: number): number {
  const text = (from: number, length: number) => (from >= 0 ? Buffer.from(bytes.buffer, bytes.byteOffset + from, length).toString('latin1') : '');
  let length = 0;
  if (text(end - 128, 3) === 'TAG') length += 128;
  const apeFooter = end - length - 32;
  if (text(apeFooter, 8) === 'APETAGEX') length += 32 + new DataView(bytes.buffer, bytes.byteOffset + apeFooter + 12, 4).getUint32(0, true);
  return Math.min(length, end);
}

/**
 * Walks the frames of an MP3 file: finds the first run of consistent frames after any ID3v2 tag, then
 * follows frame lengths to the end. Junk between frames (resynchronised) over 5% of the stream, fewer than
 * two frames, a last frame cut short, or fewer frames than the Xing/Info header declares are problems.
 */
export function mp3Structure(bytes: Uint8Array): Mp3Structure {
  const end = bytes.length - trailingTagLength(bytes, bytes.length);
  let offset = id3v2Length(bytes);
  let first: FrameHeader | undefined;
  while (offset < end && !(first = startsRun(bytes, offset, 4))) offset++;
  const none = { frames: 0, sampleRate: 0, channels: 0, samplesPerFrame: 0 };
  if (!first) return { ...none, problem: 'no run of MPEG layer III frames anywhere in the file (not an MP3 stream)' };
  const samplesPerFrame = first.version === 3 ? 1152 : 576;
  const declared = declaredFrames(bytes, offset, first);
  const leadingJunk = offset - id3v2Length(bytes);
  let frames = 0;
  let junk = 0;
  while (offset < end) {
    const header = headerAt(bytes, offset);
    if (header && sameStream(first, header)) {
      if (offset + header.length > end) {
        return { ...none, sampleRate: first.sampleRate, channels: first.channels, samplesPerFrame, frames, problem: `the MP3 frame at byte ${offset} needs ${header.length} bytes but the file ends after ${end - offset} (truncated file?)` };
      }
      frames++;
      offset += header.length;
      continue;
    }
    // Resynchronise: skip to the next run of frames (or the end).
    const from = offset;
    offset++;
    while (offset < end && !startsRun(bytes, offset, 2)) offset++;
    junk += offset - from;
  }
  const result = { frames, sampleRate: first.sampleRate, channels: first.channels, samplesPerFrame, declaredFrames: declared };
  const stream = end - id3v2Length(bytes);
  if (frames < 2) return { ...result, problem: `only ${frames} MPEG frame found (not an MP3 stream, or cut to almost nothing)` };
  if (junk + leadingJunk > 0.05 * stream) {
    return { ...result, problem: `${junk + leadingJunk} of its ${stream} bytes are not MPEG frames (not an MP3 stream, or corrupt)` };
  }
  // Encoders differ on whether the declaration counts the Xing/Info frame itself: compare with all frames.
  if (declared !== undefined && frames < declared) {
    return { ...result, problem: `its Xing/Info header declares ${declared} frames but only ${frames} are present (truncated file?)` };
  }
  return result;
}
