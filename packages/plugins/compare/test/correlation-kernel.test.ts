/**
 * The jitter period search's WebAssembly SIMD kernel gives exactly (Object.is) the scores of the scalar
 * correlation, lag by lag, for even and odd lag counts and for buffers grown while in use; Node's engine
 * has WebAssembly SIMD, so the kernel is the path that runs.
 */
import { PeriodCorrelations } from '../src/voicing/correlation-kernel';
import { correlation } from '../src/voicing/period-search';

/** A voiced-like waveform in openSMILE's single-precision sample scale (harmonics plus noise). */
function waveform(into: Float64Array, seed: number): void {
  let state = seed;
  for (let i = 0; i < into.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const noise = state / 2 ** 32 - 0.5;
    into[i] = Math.fround(0.4 * Math.sin(i / 11.3) + 0.2 * Math.sin(i / 5.1 + 1) + 0.05 * noise);
  }
}

describe('PeriodCorrelations', () => {
  it('runs the WebAssembly kernel and matches the scalar correlation bit for bit', () => {
    const kernel = new PeriodCorrelations();
    expect(kernel.simd).toBe(true);
    let checked = 0;
    for (const [samples, seed] of [
      [600, 1],
      [3000, 2], // grows the buffers while the instance is in use
    ]) {
      kernel.reserve(samples, 200);
      waveform(kernel.run.subarray(0, samples), seed);
      for (let T0 = 20; 2 * Math.ceil(1.25 * T0) + 2 < samples && T0 < 230; T0 += 7) {
        const minLag = Math.floor(0.75 * T0);
        const maxLag = Math.ceil(1.25 * T0);
        for (let cursor = 0; cursor + 2 * maxLag + 1 < samples; cursor += 97) {
          kernel.score(cursor, minLag, maxLag);
          for (let L = minLag; L <= maxLag; L++) {
            const expected = correlation(kernel.run, cursor, cursor + L, L);
            if (!Object.is(kernel.scores[L - minLag], expected)) throw new Error(`cursor ${cursor}, lag ${L}: ${kernel.scores[L - minLag]} vs ${expected}`);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10000);
  });

  it('gives the scalar fallback the same scores', () => {
    const simd = new PeriodCorrelations();
    const scalar = new PeriodCorrelations(false);
    expect(scalar.simd).toBe(false);
    for (const k of [simd, scalar]) {
      k.reserve(800, 100);
      waveform(k.run.subarray(0, 800), 3);
    }
    for (const [minLag, maxLag] of [[30, 50], [31, 50], [1, 1], [60, 61]]) {
      simd.score(5, minLag, maxLag);
      scalar.score(5, minLag, maxLag);
      expect(Array.from(simd.scores.subarray(0, maxLag - minLag + 1))).toEqual(Array.from(scalar.scores.subarray(0, maxLag - minLag + 1)));
    }
  });

  it('shares one kernel between analyses: each reserve gives working buffers, also after another grew the memory', () => {
    const a = new PeriodCorrelations();
    const b = new PeriodCorrelations();
    const scalar = new PeriodCorrelations(false);
    const scoresOf = (k: PeriodCorrelations, samples: number, seed: number) => {
      k.reserve(samples, 100);
      waveform(k.run.subarray(0, samples), seed);
      k.score(7, 40, 70);
      return Array.from(k.scores.subarray(0, 31));
    };
    const expected = scoresOf(scalar, 800, 4);
    a.reserve(800, 100);
    const before = a.run;
    b.reserve(400000, 100); // grows the shared memory: the views a held are detached
    expect(before.length).toBe(0);
    expect(scoresOf(a, 800, 4)).toEqual(expected);
    expect(scoresOf(b, 800, 4)).toEqual(expected);
    expect(scoresOf(a, 800, 4)).toEqual(expected);
  });
});
