/**
 * openAudioBlocks hands on exactly the samples loadAudio gives (the whole-signal path), in order: WAV files
 * read block by block at their own rate and resampled as read, in-memory audio in blocks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWav16, loadAudio, openAudioBlocks, type AudioRef } from '@emotrans/core';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-audio-blocks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A 16-bit stereo WAV: a chirp on the left, noise-like right channel; long enough for several 1 MiB blocks. */
function stereoWav(file: string, seconds: number, rate: number): void {
  const frames = seconds * rate;
  const head = Buffer.from(encodeWav16(new Float32Array(0), rate)).subarray(0, 44);
  const data = Buffer.alloc(frames * 4);
  let state = 7;
  for (let i = 0; i < frames; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    data.writeInt16LE(Math.round(12000 * Math.sin((2 * Math.PI * (200 + i / 40) * i) / rate)), 4 * i);
    data.writeInt16LE((state >>> 16) - 32768 >> 2, 4 * i + 2);
  }
  head.writeUInt32LE(36 + data.length, 4);
  head.writeUInt16LE(2, 22);
  head.writeUInt32LE(rate * 4, 28);
  head.writeUInt16LE(4, 32);
  head.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([head, data]));
}

async function gathered(ref: AudioRef, rate?: number): Promise<{ samples: Float32Array; sampleRate: number; frames: number }> {
  const blocks = await openAudioBlocks(ref, rate);
  const parts: Float32Array[] = [];
  try {
    await blocks.read((block) => parts.push(block.slice()));
  } finally {
    blocks.close();
  }
  const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) samples.set(p, (at += p.length) - p.length);
  expect(parts.length).toBeGreaterThan(1);
  return { samples, sampleRate: blocks.sampleRate, frames: blocks.frames };
}

describe('openAudioBlocks', () => {
  const file = path.join(dir, 'stereo-44k.wav');
  beforeAll(() => stereoWav(file, 7, 44100));

  it.each([[undefined], [44100], [16000], [48000]])('a stereo 44.1 kHz WAV at %s Hz: the samples of loadAudio, bit for bit', async (rate) => {
    const whole = await loadAudio({ kind: 'file', path: file }, rate);
    const streamed = await gathered({ kind: 'file', path: file }, rate);
    expect(streamed.sampleRate).toBe(whole.sampleRate);
    expect(streamed.frames).toBe(whole.samples.length);
    expect(Buffer.from(streamed.samples.buffer).equals(Buffer.from(whole.samples.buffer))).toBe(true);
  });

  it('in-memory audio, resampled: the samples of loadAudio', async () => {
    const signal = { samples: Float32Array.from({ length: 600000 }, (_, i) => Math.sin(i / 7)), sampleRate: 22050, origin: 'memory' };
    const ref: AudioRef = { kind: 'memory', signal, key: 'k' };
    const whole = await loadAudio(ref, 16000);
    const streamed = await gathered(ref, 16000);
    expect(Buffer.from(streamed.samples.buffer).equals(Buffer.from(whole.samples.buffer))).toBe(true);
  });
});
