import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, decodeAudioFile } from '@emotrans/core';
import { FIXTURES, fixtureSine, rms, sine, stored, tempDir, wavBytes, zeroCrossingFrequency, type WavEncoding } from './audio-fixtures';

const dir = tempDir('decode');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The first index where `actual` and `expected` differ by more than `tolerance`, or -1. */
function firstMismatch(actual: Float32Array, expected: ArrayLike<number>, tolerance: number): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) return i;
  return -1;
}

/** Expects decoding to fail with a BadInputError that names the file and matches `reason`. */
async function expectBadInput(file: string, reason: RegExp): Promise<void> {
  const error = await decodeAudioFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as Error).message).toContain(file);
  expect((error as Error).message).toMatch(reason);
}

describe('WAV', () => {
  const signal = sine(440, 16000, 0.25, 0.5);
  const encodings: WavEncoding[] = ['pcm8', 'pcm16', 'pcm24', 'pcm32', 'float32', 'float64'];

  it.each(encodings)('decodes %s mono sample-exactly', async (encoding) => {
    const file = write(`mono-${encoding}.wav`, wavBytes([signal], encoding, { sampleRate: 16000 }));
    const decoded = await decodeAudioFile(file);
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.origin).toBe(file);
    expect(decoded.samples.length).toBe(signal.length);
    expect(firstMismatch(decoded.samples, signal.map((x) => Math.fround(stored(x, encoding))), 0)).toBe(-1);
  });

  it.each(encodings)('mixes %s stereo down to the mean of the channels', async (encoding) => {
    const right = signal.map((x, i) => (i % 2 ? -0.25 : 0.125));
    const file = write(`stereo-${encoding}.wav`, wavBytes([signal, right], encoding, { sampleRate: 22050 }));
    const decoded = await decodeAudioFile(file);
    expect(decoded.sampleRate).toBe(22050);
    const expected = signal.map((x, i) => (stored(x, encoding) + stored(right[i], encoding)) / 2);
    expect(firstMismatch(decoded.samples, expected, 1e-7)).toBe(-1);
  });

  it.each<WavEncoding>(['pcm16', 'pcm24', 'float32'])('reads WAVE_FORMAT_EXTENSIBLE %s (after other chunks)', async (encoding) => {
    const file = write(`ext-${encoding}.wav`, wavBytes([signal, signal], encoding, { extensible: true, extraChunk: true }));
    const decoded = await decodeAudioFile(file);
    expect(decoded.samples.length).toBe(signal.length);
    expect(firstMismatch(decoded.samples, signal.map((x) => Math.fround(stored(x, encoding))), 0)).toBe(-1);
  });

  it('decodes silence as finite zeros', async () => {
    const file = write('silence.wav', wavBytes([new Float64Array(16000)], 'pcm16'));
    const decoded = await decodeAudioFile(file);
    expect(decoded.samples.length).toBe(16000);
    expect(decoded.samples.every((x) => x === 0)).toBe(true);
  });

  it('keeps a 16-bit sine at its frequency and amplitude', async () => {
    const tone = sine(1000, 44100, 1, 0.8);
    const decoded = await decodeAudioFile(write('tone.wav', wavBytes([tone], 'pcm16', { sampleRate: 44100 })));
    expect(zeroCrossingFrequency(decoded.samples, 44100)).toBeCloseTo(1000, 1);
    expect(rms(decoded.samples)).toBeCloseTo(0.8 / Math.SQRT2, 3);
  });
});

describe('bad input names the file and the reason', () => {
  const good = wavBytes([sine(440, 16000, 0.1)], 'pcm16');

  it('missing file', () => expectBadInput(path.join(dir, 'nope.wav'), /not found/));
  it('empty file', () => expectBadInput(write('empty.wav', Buffer.alloc(0)), /empty file/));
  it('text file', () => expectBadInput(write('notes.wav', 'just some text, not audio\n'), /not an audio file/));
  it('truncated data chunk', () => expectBadInput(write('cut.wav', good.subarray(0, good.length - 100)), /truncated WAV file.*declares 3200 bytes but only 3100/));
  it('header only', () => expectBadInput(write('header.wav', good.subarray(0, 30)), /truncated|too short/));
  it('A-law', () => expectBadInput(write('alaw.wav', wavBytes([sine(440, 8000, 0.1)], 'pcm8', { formatTag: 6 })), /unsupported WAV encoding: A-law/));
  it('IMA ADPCM (extensible)', () =>
    expectBadInput(write('adpcm.wav', wavBytes([sine(440, 8000, 0.1)], 'pcm16', { formatTag: 0x11, extensible: true })), /unsupported WAV encoding: IMA ADPCM/));
  it('no samples', () => expectBadInput(write('nodata.wav', wavBytes([new Float64Array(0)], 'pcm16')), /no audio samples/));
  it('NaN in a float WAV', () => {
    const x = sine(440, 16000, 0.1);
    x[800] = NaN;
    return expectBadInput(write('nan.wav', wavBytes([x], 'float32')), /sample 800 \(at 0\.050 s\) is not a finite number/);
  });
  it('Ogg Opus', () => {
    // One Ogg page whose first packet is an OpusHead.
    const page = Buffer.concat([Buffer.from('OggS'), Buffer.from([0, 2]), Buffer.alloc(20), Buffer.from([1, 19]), Buffer.from('OpusHead'), Buffer.alloc(11)]);
    return expectBadInput(write('speech.opus', page), /Ogg Opus/);
  });
});

describe('compressed formats (fixtures of a known 440 Hz sine, 0.5 s at 16 kHz)', () => {
  const known = fixtureSine();

  it('FLAC is lossless: every sample matches', async () => {
    const decoded = await decodeAudioFile(path.join(FIXTURES, 'sine440-16k.flac'));
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.samples.length).toBe(known.length);
    expect(firstMismatch(decoded.samples, known, 0)).toBe(-1);
  });

  it('Ogg Vorbis stereo (sine left, silence right) mixes to half the amplitude at 440 Hz', async () => {
    const decoded = await decodeAudioFile(path.join(FIXTURES, 'sine440-16k-left-only.ogg'));
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.samples.length).toBe(known.length);
    expect(zeroCrossingFrequency(decoded.samples, 16000, 800, 7200)).toBeCloseTo(440, 0);
    expect(rms(decoded.samples, 800, 7200) / (rms(known, 800, 7200) / 2)).toBeCloseTo(1, 1);
  });

  it('MP3 keeps frequency, amplitude and (gapless) length', async () => {
    const decoded = await decodeAudioFile(path.join(FIXTURES, 'sine440-16k.mp3'));
    expect(decoded.sampleRate).toBe(16000);
    expect(Math.abs(decoded.samples.length - known.length)).toBeLessThan(600);
    expect(zeroCrossingFrequency(decoded.samples, 16000, 800, 7200)).toBeCloseTo(440, 0);
    expect(rms(decoded.samples, 800, 7200) / rms(known, 800, 7200)).toBeCloseTo(1, 1);
  });

  it.each(['sine440-16k.flac', 'sine440-16k-left-only.ogg', 'sine440-16k.mp3'])('a truncated %s is an error', (name) => {
    const bytes = fs.readFileSync(path.join(FIXTURES, name));
    return expectBadInput(write(`cut-${name}`, bytes.subarray(0, Math.round(bytes.length * 0.6))), /truncated or corrupt/);
  });
});

describe('damaged files', () => {
  // A fixed linear congruential sequence: the same cuts and flipped bytes on every run.
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };

  it.each(['sine440-16k.flac', 'sine440-16k-left-only.ogg', 'sine440-16k.mp3', 'generated.wav'])(
    'a cut or corrupted %s decodes to finite samples or fails naming the file',
    async (name) => {
      const original = name === 'generated.wav' ? wavBytes([sine(440, 16000, 0.5)], 'pcm24') : fs.readFileSync(path.join(FIXTURES, name));
      const outcomes = { decoded: 0, rejected: 0 };
      for (let k = 0; k < 12; k++) {
        let bytes = Buffer.from(original);
        if (k < 6) bytes = bytes.subarray(0, Math.floor(next() * bytes.length));
        else for (let j = 0; j <= k % 4; j++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
        const file = write(`damaged-${k}-${name}`, bytes);
        const result = await decodeAudioFile(file).catch((e: unknown) => e);
        if (result instanceof Error) {
          expect(result).toBeInstanceOf(BadInputError);
          expect(result.message).toContain(file);
          outcomes.rejected++;
        } else {
          expect((result as { samples: Float32Array }).samples.every(Number.isFinite)).toBe(true);
          outcomes.decoded++;
        }
      }
      expect(outcomes.rejected).toBeGreaterThan(0); // at least the cuts are caught
    },
  );
});
