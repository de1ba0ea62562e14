/**
 * The WebAssembly spectrum kernel gives exactly (Object.is) the magnitudes and powers of the core's
 * dsp.SpectrumAnalyser (fft.js) at every FFT size from 2 to 8192, for frames shorter than the FFT (zero-padded)
 * and for silence; and its fallback on engines without WebAssembly is that analyser.
 */
import { dsp } from '@emotrans/core';
import { FrameSpectrum } from '../src/spectrum/frame-spectrum';

function noise(into: Float64Array, seed: number): void {
  let state = seed;
  for (let i = 0; i < into.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    into[i] = Math.fround(state / 2 ** 32 - 0.5);
  }
}

function expectAnalyserSpectrum(spectrum: FrameSpectrum, window: Float64Array): void {
  const analyser = new dsp.SpectrumAnalyser(spectrum.fftSize);
  const magnitude = new Float64Array(spectrum.bins);
  const power = new Float64Array(spectrum.bins);
  analyser.analyse(spectrum.frame, window, magnitude, power);
  for (let k = 0; k < spectrum.bins; k++) {
    if (!Object.is(spectrum.magnitude[k], magnitude[k]) || !Object.is(spectrum.power[k], power[k])) {
      throw new Error(`FFT ${spectrum.fftSize}, frame ${window.length}, bin ${k}: ${spectrum.magnitude[k]} vs ${magnitude[k]}`);
    }
  }
}

describe('FrameSpectrum', () => {
  it('equals dsp.SpectrumAnalyser bit for bit at FFT sizes 2 .. 8192', () => {
    for (let size = 2; size <= 8192; size *= 2) {
      for (const length of new Set([size, Math.max(1, size - 3), Math.ceil(0.6 * size)])) {
        const window = dsp.hammingWindow(length);
        const spectrum = new FrameSpectrum(size, window);
        expect(spectrum.wasm).toBe(true);
        for (const seed of [1, 2]) {
          noise(spectrum.frame, seed + size);
          spectrum.analyse();
          expectAnalyserSpectrum(spectrum, window);
        }
        spectrum.frame.fill(0);
        spectrum.analyse();
        expectAnalyserSpectrum(spectrum, window);
      }
    }
  });

  it('falls back to the analyser without WebAssembly', () => {
    const window = dsp.gaussianWindow(960, 0.4);
    const spectrum = new FrameSpectrum(1024, window, false);
    expect(spectrum.wasm).toBe(false);
    noise(spectrum.frame, 7);
    spectrum.analyse();
    expectAnalyserSpectrum(spectrum, window);
  });

  it('refuses a frame longer than the FFT', () => {
    expect(() => new FrameSpectrum(256, new Float64Array(300))).toThrow(/exceeds FFT size 256/);
  });
});
