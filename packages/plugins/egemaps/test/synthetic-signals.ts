import { testSignals, type AudioSignal } from '@emotrans/core';

export const SR = 16000;

export function audio(samples: Float32Array, sampleRate = SR): AudioSignal {
  return { samples, sampleRate, origin: 'synthetic' };
}

/** A harmonic complex: harmonics 1..count of f0 with amplitudes 1/h, peak about `amplitude`. */
export function harmonicComplex(f0: number, seconds: number, amplitude = 0.3, count = 10, rate = SR): Float32Array {
  const x = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    for (let h = 1; h <= count; h++) s += Math.sin((2 * Math.PI * h * f0 * i) / rate) / h;
    x[i] = (amplitude * s) / 2;
  }
  return x;
}

/** `x` plus uniform white noise at `snrDb` (powers over the whole signal). */
export function withNoise(x: Float32Array, snrDb: number, seed = 7): Float32Array {
  const noise = testSignals.uniformNoise(x.length / SR, SR, seed, 1);
  const power = (v: Float32Array) => v.reduce((s, a) => s + a * a, 0) / v.length;
  const gain = Math.sqrt(power(x) / power(noise) / 10 ** (snrDb / 10));
  return Float32Array.from(x, (v, i) => v + gain * noise[i]);
}

/** Damped-sine "pulses" whose periods alternate between T (1 - d) and T (1 + d), T = rate / f0. */
export function alternatingPeriods(f0: number, deviation: number, seconds: number, amplitudes: readonly number[] = [0.3]): Float32Array {
  const n = Math.round(seconds * SR);
  const x = new Float32Array(n);
  for (let t = 0, k = 0; t < n; k++) {
    const period = (SR / f0) * (1 + (k % 2 ? deviation : -deviation));
    const a = amplitudes[k % amplitudes.length];
    for (let i = 0; i < period && t + i < n; i++) x[Math.floor(t + i)] = a * Math.exp(-i / 15) * Math.sin((2 * Math.PI * i) / 20);
    t += period;
  }
  return x;
}

/** A pulse train at f0 through second-order resonators (formant frequencies / bandwidths in Hz), peak `amplitude`. */
export function resonatedPulses(f0: number, formants: readonly number[], bandwidths: readonly number[], seconds: number, amplitude = 0.3): Float32Array {
  const n = Math.round(seconds * SR);
  let x = new Float64Array(n);
  for (let t = 0; t < n; t += SR / f0) x[Math.round(t)] = 1;
  formants.forEach((f, k) => {
    const r = Math.exp((-Math.PI * bandwidths[k]) / SR);
    const a1 = 2 * r * Math.cos((2 * Math.PI * f) / SR);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = x[i] + a1 * (i > 0 ? y[i - 1] : 0) - r * r * (i > 1 ? y[i - 2] : 0);
    x = y;
  });
  const peak = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return Float32Array.from(x, (v) => (amplitude * v) / peak);
}

/** Median of the middle of a column (frames `trim` from either end left out). */
export function middleMedian(values: ArrayLike<number>, trim = 20): number {
  const s = Array.from(values).slice(trim, values.length - trim).sort((a, b) => a - b);
  return s[s.length >> 1];
}
