import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, loadAudio, resample, type AudioSignal } from '@emotrans/core';
import { rms, sine, tempDir, wavBytes, zeroCrossingFrequency } from './audio-fixtures';

const signalOf = (samples: ArrayLike<number>, sampleRate: number): AudioSignal => ({ samples: Float32Array.from(samples), sampleRate, origin: 'test-signal' });

describe('resample', () => {
  it('44.1 kHz -> 16 kHz keeps a 1 kHz sine: length, frequency, amplitude and timing', async () => {
    const out = await resample(signalOf(sine(1000, 44100, 1, 0.5), 44100), 16000);
    expect(out.sampleRate).toBe(16000);
    expect(out.samples.length).toBe(16000);
    // Away from the edges (where the band-limited filter sees the cut) the output is the sine at t = k / 16000.
    expect(zeroCrossingFrequency(out.samples, 16000, 500, 15500)).toBeCloseTo(1000, 2);
    expect(rms(out.samples, 500, 15500)).toBeCloseTo(0.5 / Math.SQRT2, 4);
    let worst = 0;
    for (let k = 500; k < 15500; k++) worst = Math.max(worst, Math.abs(out.samples[k] - 0.5 * Math.sin((2 * Math.PI * 1000 * k) / 16000)));
    expect(worst).toBeLessThan(1e-3);
  });

  it('filters a 7.5 kHz tone out when going 44.1 kHz -> 8 kHz (no alias at 500 Hz)', async () => {
    const input = sine(7500, 44100, 1, 0.5);
    const out = await resample(signalOf(input, 44100), 8000);
    expect(out.samples.length).toBe(8000);
    // Plain decimation would fold the tone to |7500 - 8000| = 500 Hz at full amplitude; demand > 60 dB less.
    const attenuationDb = 20 * Math.log10(rms(out.samples, 400, 7600) / rms(input));
    expect(attenuationDb).toBeLessThan(-60);
  });

  it('upsamples 8 kHz -> 44.1 kHz, keeping a 440 Hz sine', async () => {
    const out = await resample(signalOf(sine(440, 8000, 0.5, 0.25), 8000), 44100);
    expect(out.samples.length).toBe(22050);
    expect(zeroCrossingFrequency(out.samples, 44100, 2000, 20000)).toBeCloseTo(440, 1);
    expect(rms(out.samples, 2000, 20000)).toBeCloseTo(0.25 / Math.SQRT2, 3);
  });

  it('gives round(n * ratio) samples for odd lengths and ratios', async () => {
    for (const [n, from, to] of [[1, 44100, 16000], [7, 48000, 16000], [12345, 22050, 16000], [1000, 16000, 44100]]) {
      const out = await resample(signalOf(new Float32Array(n).fill(0.1), from), to);
      expect(out.samples.length).toBe(Math.round((n * to) / from));
      expect(out.samples.every(Number.isFinite)).toBe(true);
    }
  });

  it('returns the same signal at the same rate and rejects impossible rates', async () => {
    const input = signalOf([0.1, 0.2], 16000);
    expect(await resample(input, 16000)).toBe(input);
    await expect(resample(input, 0)).rejects.toBeInstanceOf(BadInputError);
    await expect(resample(input, 1.5e6)).rejects.toThrow(/test-signal: cannot resample to 1500000 Hz/);
  });

  it('loadAudio decodes a file and resamples it to the rate asked for', async () => {
    const dir = tempDir('resample');
    try {
      const file = path.join(dir, 'tone.wav');
      fs.writeFileSync(file, wavBytes([sine(1000, 44100, 0.5, 0.5)], 'pcm16', { sampleRate: 44100 }));
      const native = await loadAudio({ kind: 'file', path: file });
      expect(native.sampleRate).toBe(44100);
      const at16k = await loadAudio({ kind: 'file', path: file }, 16000);
      expect(at16k.sampleRate).toBe(16000);
      expect(at16k.samples.length).toBe(8000);
      expect(zeroCrossingFrequency(at16k.samples, 16000, 500, 7500)).toBeCloseTo(1000, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
