/**
 * The spectral descriptors with their bin sums in the WebAssembly kernel give exactly (Object.is) the values of
 * the JavaScript loops, frame after frame (the flux's reference carried, and restarted by reset), at the FFT sizes
 * of 8 to 48 kHz, for noisy spectra, silence and spectra with ties between neighbours; and descriptors sharing the
 * kernel's region keep their own flux references.
 */
import { dsp } from '@emotrans/core';
import { SpectralDescriptors } from '../src/lld/spectral-descriptors';

function frameSpectra(fftSize: number, seed: number, kind: 'noise' | 'silence' | 'steps'): { magnitude: Float64Array; power: Float64Array } {
  const analyser = new dsp.SpectrumAnalyser(fftSize);
  const frame = new Float64Array(Math.round(0.6 * fftSize));
  let state = seed;
  for (let i = 0; i < frame.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    frame[i] = kind === 'silence' ? 0 : Math.fround(0.3 * Math.sin(i / (2 + (seed % 7))) + 0.1 * (state / 2 ** 32 - 0.5));
  }
  const magnitude = new Float64Array(analyser.bins);
  const power = new Float64Array(analyser.bins);
  analyser.analyse(frame, dsp.hammingWindow(frame.length), magnitude, power);
  if (kind === 'steps') for (let k = 0; k < power.length; k++) power[k] = Math.floor(power[k] * 4) / 4; // plateaus: ties
  return { magnitude, power };
}

describe('SpectralSumsKernel', () => {
  it.each([256, 512, 1024, 2048])('FFT %d: the JavaScript descriptors bit for bit, frame after frame', (fftSize) => {
    const kernel = new SpectralDescriptors(fftSize, 16000);
    const script = new SpectralDescriptors(fftSize, 16000, false);
    expect(kernel.wasm).toBe(true);
    expect(script.wasm).toBe(false);
    const a = new Float64Array(15);
    const b = new Float64Array(15);
    const kinds = ['noise', 'noise', 'silence', 'steps', 'noise'] as const;
    for (let f = 0; f < 12; f++) {
      if (f === 6) {
        kernel.reset();
        script.reset();
      }
      const { magnitude, power } = frameSpectra(fftSize, f + 1, kinds[f % kinds.length]);
      kernel.compute(magnitude, power, a);
      script.compute(magnitude, power, b);
      for (let k = 0; k < 15; k++) if (!Object.is(a[k], b[k])) throw new Error(`FFT ${fftSize}, frame ${f}, descriptor ${k}: ${a[k]} vs ${b[k]}`);
    }
  });

  it('two descriptors of one configuration, frames interleaved, each keep their own flux reference', () => {
    const kernels = [new SpectralDescriptors(512, 16000), new SpectralDescriptors(512, 16000)];
    const scripts = [new SpectralDescriptors(512, 16000, false), new SpectralDescriptors(512, 16000, false)];
    const a = new Float64Array(15);
    const b = new Float64Array(15);
    for (let f = 0; f < 10; f++) {
      const which = f % 3 === 0 ? 1 : 0;
      const { magnitude, power } = frameSpectra(512, 100 * which + f, 'noise');
      kernels[which].compute(magnitude, power, a);
      scripts[which].compute(magnitude, power, b);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });
});

