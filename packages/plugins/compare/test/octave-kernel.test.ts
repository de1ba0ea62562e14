/**
 * The octave spectrum's WebAssembly kernel gives exactly (Object.is) the values of its JavaScript transform: on
 * noisy harmonic spectra at the sizes the sample rates give (257 .. 2049 bins), and on the edge cases of the peak
 * enhancement (one maximum, maxima at the ends, none, silence).
 */
import { OctaveSpectrum } from '../src/voicing/octave-spectrum';

function harmonicSpectrum(n: number, seed: number): Float64Array {
  let state = seed;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = Math.abs(Math.sin(i / (3 + (seed % 5)))) * 2 + (state / 2 ** 32) * 0.3;
  }
  return out;
}

function expectSameTransform(bins: number, binHz: number, magnitude: Float64Array): void {
  const kernel = new OctaveSpectrum(bins, binHz, 25);
  const script = new OctaveSpectrum(bins, binHz, 25, false);
  expect(kernel.wasm).toBe(true);
  expect(script.wasm).toBe(false);
  const a = new Float64Array(bins);
  const b = new Float64Array(bins);
  kernel.transform(magnitude, a);
  script.transform(magnitude, b);
  for (let i = 0; i < bins; i++) if (!Object.is(a[i], b[i])) throw new Error(`${bins} bins, point ${i}: ${a[i]} vs ${b[i]}`);
}

describe('OctaveKernel', () => {
  it.each([
    [257, 8000 / 512],
    [513, 16000 / 1024],
    [1025, 22050 / 2048],
    [2049, 44100 / 4096],
    [2049, 48000 / 4096],
  ])('%d bins: the JavaScript transform bit for bit', (bins, binHz) => {
    for (const seed of [1, 2, 3, 4]) expectSameTransform(bins, binHz, harmonicSpectrum(bins, seed));
  });

  it('the peak enhancement edge cases alike', () => {
    const n = 513;
    const single = new Float64Array(n);
    single[200] = 1;
    single[199] = 0.5;
    const ends = harmonicSpectrum(n, 5);
    ends[0] = 9;
    ends[n - 1] = 9;
    const rising = Float64Array.from({ length: n }, (_, i) => i);
    const falling = Float64Array.from({ length: n }, (_, i) => n - i);
    for (const magnitude of [single, ends, rising, falling, new Float64Array(n), new Float64Array(n).fill(1)]) expectSameTransform(n, 16000 / 1024, magnitude);
  });
});
