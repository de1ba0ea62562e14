/** Synthetic test signals with known F0, period and amplitude sequences (shared by the voicing tests). */
import { testSignals } from '@emotrans/core';

/** Deterministic uniform [0, 1) generator (mulberry32). */
export const seededRandom = testSignals.mulberry32;

/** Standard normal deviates (Box-Muller) from a uniform generator. */
export function gaussian(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function sine(frequency: number, seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  return testSignals.sine(frequency, seconds, sampleRate, amplitude);
}

/** Harmonics of f0 up to Nyquist with amplitudes 1/h^tilt, scaled to the given peak. */
export function harmonicComplex(f0: number, seconds: number, sampleRate: number, tilt = 1, peak = 0.5): Float32Array {
  const x = new Float32Array(Math.round(seconds * sampleRate));
  for (let h = 1; h * f0 < sampleRate / 2; h++) {
    const a = 1 / Math.pow(h, tilt);
    const w = (2 * Math.PI * h * f0) / sampleRate;
    for (let i = 0; i < x.length; i++) x[i] += a * Math.sin(w * i);
  }
  return normalise(x, peak);
}

/** Uniform white noise on [-amplitude, amplitude). */
export function whiteNoise(seconds: number, sampleRate: number, seed: number, amplitude = 0.3): Float32Array {
  return testSignals.uniformNoise(seconds, sampleRate, seed, amplitude);
}

export interface PulseTrain {
  readonly samples: Float32Array;
  /** Period lengths in seconds, in order. */
  readonly periods: Float64Array;
  /** Pulse amplitudes, in order. */
  readonly amplitudes: Float64Array;
}

/**
 * A glottal-pulse-like train: each pulse is a damped resonance (700 Hz, decay time constant `decay`, default
 * 2.5 ms) starting at an exact (fractional) time, so period k lasts T0 (1 + jitter g_k) and pulse k has
 * amplitude 1 + shimmer h_k with g, h independent standard normal deviates (clipped to +/-3).
 */
export function pulseTrain(
  f0: number,
  seconds: number,
  sampleRate: number,
  options: { jitter?: number; shimmer?: number; seed?: number; decay?: number } = {},
): PulseTrain {
  const normal = gaussian(seededRandom(options.seed ?? 1));
  const clipped = () => Math.max(-3, Math.min(3, normal()));
  const periods: number[] = [];
  const amplitudes: number[] = [];
  const onsets: number[] = [];
  let t = 0.002;
  while (t < seconds) {
    onsets.push(t);
    amplitudes.push(1 + (options.shimmer ?? 0) * clipped());
    const period = (1 + (options.jitter ?? 0) * clipped()) / f0;
    periods.push(period);
    t += period;
  }
  const x = new Float32Array(Math.round(seconds * sampleRate));
  const decay = options.decay ?? 0.0025;
  const resonance = 2 * Math.PI * 700;
  for (let k = 0; k < onsets.length; k++) {
    const first = Math.ceil(onsets[k] * sampleRate);
    const last = Math.min(x.length - 1, Math.floor((onsets[k] + 10 * decay) * sampleRate));
    for (let i = first; i <= last; i++) {
      const dt = i / sampleRate - onsets[k];
      x[i] += amplitudes[k] * Math.exp(-dt / decay) * Math.sin(resonance * dt);
    }
  }
  // The last onset's period runs past the end; keep only complete periods in the reference sequence.
  periods.pop();
  return { samples: normalise(x, 0.5), periods: Float64Array.from(periods), amplitudes: Float64Array.from(amplitudes) };
}

export function addNoise(x: Float32Array, snrDb: number, seed: number): Float32Array {
  let power = 0;
  for (const v of x) power += v * v;
  power /= x.length;
  const sd = Math.sqrt(power / Math.pow(10, snrDb / 10));
  const normal = gaussian(seededRandom(seed));
  return x.map((v) => v + sd * normal());
}

function normalise(x: Float32Array, peak: number): Float32Array {
  let max = 0;
  for (const v of x) max = Math.max(max, Math.abs(v));
  if (max > 0) for (let i = 0; i < x.length; i++) x[i] *= peak / max;
  return x;
}

/** Frames of `hop` seconds that fit a signal of n samples when each frame spans 60 ms. */
export function frameCountFor(n: number, sampleRate: number, hop = 0.01): number {
  return Math.max(0, Math.floor((n / sampleRate - 0.06) / hop) + 1);
}

export function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
