/**
 * Audio a careless user feeds in: noise named .mp3, an MP3 cut at a frame boundary, headers with absurd
 * rates or channel counts, audio over the memory budget, directories and FIFOs named like audio. Each is
 * a BadInputError naming the file (exit 2), never a hang, a stack trace or features of noise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, decodeAudioFile, encodeWav16, fileContentKey, loadAudio, resample } from '@emotrans/core';
import { root, runCli, scratch } from './harness';

const work = scratch('audio');
const fixtures = path.join(root, 'packages', 'core', 'test', 'fixtures');

async function rejection(file: string): Promise<Error> {
  const error = await decodeAudioFile(file).then(
    () => undefined,
    (e: Error) => e,
  );
  if (!error) throw new Error(`${file} was accepted`);
  return error;
}

async function expectBadInput(file: string, reason: RegExp): Promise<void> {
  const error = await rejection(file);
  expect(error).toBeInstanceOf(BadInputError);
  expect(error.message).toContain(file);
  expect(error.message).toMatch(reason);
}

/** A 16-bit mono WAV of `seconds` of a sine, with its header's rate and channel count overwritten. */
function wav(name: string, { rate = 16000, declaredRate = rate, channels = 1, seconds = 0.25 } = {}): string {
  const samples = Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate));
  const bytes = Buffer.from(encodeWav16(samples, rate));
  bytes.writeUInt32LE(declaredRate, 24);
  if (channels !== 1) {
    bytes.writeUInt16LE(channels, 22);
    bytes.writeUInt16LE(channels * 2, 32);
  }
  const file = path.join(work, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('decoders verify what they decode', () => {
  it('3 MB of random bytes named .mp3 are not an MP3 (no features of noise)', async () => {
    const file = path.join(work, 'noise.mp3');
    let state = 12345;
    fs.writeFileSync(file, Buffer.from(Uint8Array.from({ length: 3e6 }, () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 24))));
    await expectBadInput(file, /not a valid MP3 file: no run of MPEG layer III frames/);
  });

  it('an MP3 cut at a frame boundary is truncated: its Info header declares more frames', async () => {
    // sine440-16k.mp3 (lame -b 64, 16 kHz): 288-byte frames, the first the Info frame; keep 10 of 17.
    const whole = fs.readFileSync(path.join(fixtures, 'sine440-16k.mp3'));
    expect(whole.length).toBe(17 * 288);
    const file = path.join(work, 'cut-at-frame.mp3');
    fs.writeFileSync(file, whole.subarray(0, 10 * 288));
    await expectBadInput(file, /truncated or corrupt MP3 file: its Xing\/Info header declares 16 frames but only 10 are present/);
  });

  it('the whole MP3 still decodes to its 0.5 s', async () => {
    const decoded = await decodeAudioFile(path.join(fixtures, 'sine440-16k.mp3'));
    expect(decoded.samples.length / decoded.sampleRate).toBeGreaterThanOrEqual(0.5);
  });
});

describe('bounds checked before allocation', () => {
  it.each([
    ['a rate of 10^9 Hz', { declaredRate: 1e9 }, /WAV header declares a sample rate of 1000000000 Hz; emotrans reads 1000 to 768000 Hz/],
    ['a rate of 1 Hz', { declaredRate: 1 }, /WAV header declares a sample rate of 1 Hz/],
    ['300 channels', { channels: 300, seconds: 0.3 }, /WAV header declares 300 channels; emotrans reads 1 to 256/],
  ])('%s', async (_name, options, reason) => {
    await expectBadInput(wav(`bounds-${_name.replace(/\W/g, '')}.wav`, options), reason);
  });

  it('audio over the memory budget is refused from its header, before decoding', async () => {
    const file = wav('long.wav', { seconds: 1 });
    process.env.EMOTRANS_MAX_AUDIO_BYTES = '10000';
    try {
      await expectBadInput(file, /0\.00 h of 1-channel audio at 16000 Hz would need 0\.00 GiB decoded, over the 0\.00 GiB budget per file \(\$EMOTRANS_MAX_AUDIO_BYTES\); split the file/);
    } finally {
      delete process.env.EMOTRANS_MAX_AUDIO_BYTES;
    }
    expect((await decodeAudioFile(file)).samples.length).toBe(16000);
  });

  it('a compressed file over the budget is refused from its frames, with the WAV route named (compressed audio is decoded whole)', async () => {
    // sine440-16k.mp3: 17 frames of 576 samples at 16 kHz, mono: 9792 samples x 4 bytes x 2 copies = 78336 bytes
    const file = path.join(fixtures, 'sine440-16k.mp3');
    process.env.EMOTRANS_MAX_AUDIO_BYTES = '50000';
    try {
      await expectBadInput(file, /h of 1-channel audio at 16000 Hz would need .* GiB decoded, over the .* budget per file .*; split the file into shorter parts, or convert it to WAV, which feature sets that stream read in blocks/);
    } finally {
      delete process.env.EMOTRANS_MAX_AUDIO_BYTES;
    }
  });
});

// In a child process: a hop that never advances would block a synchronous loop that jest cannot stop.
it('the simple set with a hop below one sample (1e-5 s at 8 kHz) finishes, as with a hop of exactly one sample', () => {
  const file = wav('hop.wav', { rate: 8000, seconds: 2 });
  const features = (hop: number) => {
    const out = path.join(work, `hop-${hop}.csv`);
    const result = runCli(['features', file, '--set', 'simple', '--options', JSON.stringify({ hop }), '--out', out, '--cache-dir', path.join(work, 'cache'), '--quiet'], { timeout: 20000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    return fs.readFileSync(out, 'utf8');
  };
  const tiny = features(1e-5);
  expect(tiny.split('\n').filter(Boolean)).toHaveLength(3); // header + two 1 s windows
  expect(tiny).toBe(features(1 / 8000));
});

describe('files that are not files', () => {
  it('a directory named x.wav: decoding and hashing (the feature cache key) both name it', async () => {
    const dir = path.join(work, 'folder.wav');
    fs.mkdirSync(dir);
    await expectBadInput(dir, /folder\.wav: is a directory, expected an audio file/);
    expect(() => fileContentKey(dir)).toThrow(BadInputError);
    expect(() => fileContentKey(dir)).toThrow(/is a directory, expected an audio file/);
  });

  it('a FIFO named x.wav is an error at once, not a hang (decoding and hashing)', () => {
    const fifo = path.join(work, 'pipe.wav');
    execFileSync('mkfifo', [fifo]);
    // In a child: on failure it would block forever on open(), which the timeout turns into a failed test.
    const script = `
      const core = require('@emotrans/core');
      const out = [];
      try { core.fileContentKey(${JSON.stringify(fifo)}); } catch (e) { out.push(e.constructor.name + ': ' + e.message); }
      core.decodeAudioFile(${JSON.stringify(fifo)}).catch((e) => { out.push(e.constructor.name + ': ' + e.message); console.log(JSON.stringify(out)); });`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 10000 });
    expect(result.signal).toBeNull();
    expect(JSON.parse(result.stdout)).toEqual([`BadInputError: ${fifo}: is a FIFO (named pipe), expected an audio file`, `BadInputError: ${fifo}: is a FIFO (named pipe), expected an audio file`]);
  });
});

it('a WAV read for a feature set at another rate is decoded and resampled in blocks, sample-identical to the whole-signal path', async () => {
  // 61 s of 22.05 kHz stereo: several 1 MiB blocks.
  const rate = 22050;
  const frames = rate * 61;
  const data = Buffer.alloc(44 + frames * 4);
  Buffer.from(encodeWav16(new Float32Array(0), rate)).copy(data);
  data.writeUInt16LE(2, 22);
  data.writeUInt32LE(rate * 4, 28);
  data.writeUInt16LE(4, 32);
  data.writeUInt32LE(frames * 4, 40);
  data.writeUInt32LE(36 + frames * 4, 4);
  for (let i = 0; i < frames; i++) {
    data.writeInt16LE(Math.round(12000 * Math.sin(i * 0.031)), 44 + 4 * i);
    data.writeInt16LE(Math.round(3000 * Math.sin(i * 1.3)), 46 + 4 * i);
  }
  const file = path.join(work, 'stereo-22k.wav');
  fs.writeFileSync(file, data);
  const whole = await resample(await decodeAudioFile(file), 16000);
  const streamed = await loadAudio({ kind: 'file', path: file }, 16000);
  expect(streamed.sampleRate).toBe(16000);
  expect(streamed.samples.length).toBe(Math.round(frames * (16000 / rate)));
  expect(Buffer.from(streamed.samples.buffer).equals(Buffer.from(whole.samples.buffer))).toBe(true);
});
