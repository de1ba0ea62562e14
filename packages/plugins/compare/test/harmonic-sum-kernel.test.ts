/**
 * Subharmonic summation's WebAssembly SIMD sum gives exactly (Object.is) the sums of the plain loop, one harmonic
 * after the other, for odd and even spectrum sizes and harmonic counts that are and are not multiples of four (and
 * the sum's local peaks and total); and
 * SubharmonicSummation finds the same candidates with the kernel as with its scalar loop.
 */
import { HarmonicSumKernel } from '../src/voicing/harmonic-sum-kernel';
import { OctaveSpectrum } from '../src/voicing/octave-spectrum';
import { SubharmonicSummation } from '../src/voicing/subharmonic-summation';

/** A non-negative octave-like spectrum (peaks, zeroed stretches, tiny values), reproducible from `seed`. */
function spectrum(n: number, seed: number): Float64Array {
  let state = seed;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const r = state / 2 ** 32;
    out[i] = r < 0.2 ? 0 : Math.abs(Math.sin(i / 7.3)) * r * (r < 0.3 ? 1e-300 : 1);
  }
  return out;
}

describe('HarmonicSumKernel', () => {
  it.each([
    [513, 15],
    [2049, 15],
    [257, 8],
    [130, 5],
    [131, 1],
    [1025, 6],
  ])('n %d, %d harmonics: the sums of the plain loop, bit for bit', (n, harmonics) => {
    const pointsPerOctave = n / Math.log2(8000 / 25);
    const shifts = Int32Array.from({ length: harmonics }, (_, h) => Math.floor(pointsPerOctave * Math.log2(h + 1)));
    const gains = Float64Array.from({ length: harmonics }, (_, h) => Math.pow(0.85, h) / harmonics);
    const kernel = HarmonicSumKernel.create(n, shifts, gains)!;
    expect(kernel).not.toBeNull();
    for (const seed of [1, 2, 3]) {
      const octave = spectrum(n, seed);
      kernel.input.set(octave);
      kernel.sum();
      const expected = new Float64Array(n);
      for (let h = 0; h < harmonics; h++) for (let j = 0; j < n - shifts[h]; j++) expected[j] += octave[j + shifts[h]] * gains[h];
      for (let j = 0; j < n; j++) if (!Object.is(kernel.output[j], expected[j])) throw new Error(`seed ${seed}, point ${j}: ${kernel.output[j]} vs ${expected[j]}`);
      // its local peaks and its total, added in index order
      let total = 0;
      const peaks: number[] = [];
      for (let j = 0; j < n; j++) {
        total += expected[j];
        if (j > 0 && j < n - 1 && expected[j - 1] < expected[j] && expected[j] > expected[j + 1]) peaks.push(j);
      }
      expect(Object.is(kernel.total, total)).toBe(true);
      expect(Array.from(kernel.peaks.subarray(0, kernel.peakCount))).toEqual(peaks);
    }
  });

  it('refuses shifts past the spectrum (the scalar loop takes over)', () => {
    expect(HarmonicSumKernel.create(10, Int32Array.of(0, 12), Float64Array.of(1, 1))).toBeNull();
  });

  it('gives SubharmonicSummation the candidates of its scalar loop', () => {
    const octave = new OctaveSpectrum(513, 16000 / 1024, 25);
    const simd = new SubharmonicSummation(octave, 15, 0.85, 52, 620, 6);
    const scalar = new SubharmonicSummation(octave, 15, 0.85, 52, 620, 6, false);
    expect(simd.simd).toBe(true);
    expect(scalar.simd).toBe(false);
    const f = [new Float32Array(6), new Float32Array(6)];
    const v = [new Float32Array(6), new Float32Array(6)];
    for (let seed = 1; seed <= 20; seed++) {
      const input = spectrum(513, seed);
      const counts = [simd.candidates(input, f[0], v[0], 0), scalar.candidates(input, f[1], v[1], 0)];
      expect(counts[0]).toBe(counts[1]);
      expect(Array.from(f[0])).toEqual(Array.from(f[1]));
      expect(Array.from(v[0])).toEqual(Array.from(v[1]));
    }
  });
});
