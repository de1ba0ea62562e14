import fs from 'node:fs';
import path from 'node:path';
import { decodeAudioFile, encodeWav16 } from '@emotrans/core';
import { tempDir, wavBytes } from './audio-fixtures';

describe('encodeWav16', () => {
  const samples = Float32Array.from([0, 0.5, -0.5, 1, -1, 2, -2, 0.25]);

  it('writes a 44-byte PCM header and samples scaled by 32767, rounded and clamped to [-1, 1]', () => {
    const bytes = Buffer.from(encodeWav16(samples, 22050));
    expect(bytes.length).toBe(44 + 2 * samples.length);
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt32LE(4)).toBe(36 + 2 * samples.length);
    expect(bytes.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect([bytes.readUInt16LE(20), bytes.readUInt16LE(22), bytes.readUInt32LE(24), bytes.readUInt32LE(28), bytes.readUInt16LE(32), bytes.readUInt16LE(34)]).toEqual([1, 1, 22050, 44100, 2, 16]);
    expect(bytes.toString('ascii', 36, 40)).toBe('data');
    const values = Array.from({ length: samples.length }, (_, i) => bytes.readInt16LE(44 + 2 * i));
    // Math.round(+-16383.5) goes up: 16384 and -16383.
    expect(values).toEqual([0, 16384, -16383, 32767, -32767, 32767, -32767, 8192]);
  });

  it('gives the same bytes as the independent test writer and decodes back to the samples', async () => {
    const inRange = Float32Array.from([0, 0.5, -0.5, 1, -1, 0.25]);
    const quantised = Array.from(inRange, (x) => Math.round(x * 32767) / 32768);
    expect(Buffer.from(encodeWav16(inRange, 16000)).equals(wavBytes([quantised], 'pcm16', { sampleRate: 16000 }))).toBe(true);
    const dir = tempDir('encode');
    try {
      const file = path.join(dir, 'a.wav');
      fs.writeFileSync(file, encodeWav16(inRange, 16000));
      const decoded = await decodeAudioFile(file);
      expect(decoded.sampleRate).toBe(16000);
      expect(Array.from(decoded.samples)).toEqual(quantised.map(Math.fround));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
