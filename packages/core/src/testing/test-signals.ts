/**
 * Deterministic synthetic signals for tests (and notebooks) across packages: the same samples on every
 * machine for a given seed, with no dependency on the experiment's random generator, so changing that
 * generator never changes a test's input.
 */

/** Uniform deviates on [0, 1) from mulberry32 (32-bit state; small and fast, ample for test noise). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** amplitude * sin(2 pi f n / sampleRate) for `seconds`. */
export function sine(frequency: number, seconds: number, sampleRate: number, amplitude: number): Float32Array {
  const x = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < x.length; i++) x[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return x;
}

/** Uniform white noise on [-amplitude, amplitude) from mulberry32(seed). */
export function uniformNoise(seconds: number, sampleRate: number, seed: number, amplitude: number): Float32Array {
  const random = mulberry32(seed);
  const x = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < x.length; i++) x[i] = amplitude * (2 * random() - 1);
  return x;
}
