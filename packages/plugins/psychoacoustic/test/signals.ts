/** Test signals with known psychoacoustic answers. Levels: mean square 1 = 100 dB SPL (FULL_SCALE_DB_SPL). */
import { testSignals } from '@emotrans/core';

/** Sum of sines of the given frequencies, each with peak amplitude `amplitude`. */
export function tones(frequencies: readonly number[], seconds: number, sampleRate: number, amplitude = 0.2): Float32Array {
  const x = new Float32Array(Math.round(seconds * sampleRate));
  for (const f of frequencies) {
    const w = (2 * Math.PI * f) / sampleRate;
    for (let i = 0; i < x.length; i++) x[i] += amplitude * Math.sin(w * i);
  }
  return x;
}

/** Peak amplitude of a sine at `db` SPL. */
export function sineAmplitudeAt(db: number): number {
  return Math.SQRT2 * Math.pow(10, (db - 100) / 20);
}

/** Uniform white noise on [-amplitude, amplitude). */
export function whiteNoise(seconds: number, sampleRate: number, seed: number, amplitude = 0.2): Float32Array {
  return testSignals.uniformNoise(seconds, sampleRate, seed, amplitude);
}

/** Random-phase sines every 2 Hz over [lowHz, highHz], scaled to mean square of `db` SPL. */
export function bandNoise(lowHz: number, highHz: number, db: number, seconds: number, sampleRate: number, seed: number): Float32Array {
  const random = testSignals.mulberry32(seed);
  const x = new Float32Array(Math.round(seconds * sampleRate));
  for (let f = lowHz; f <= highHz; f += 2) {
    const w = (2 * Math.PI * f) / sampleRate;
    const phase = 2 * Math.PI * random();
    for (let i = 0; i < x.length; i++) x[i] += Math.sin(w * i + phase);
  }
  return scaleToDb(x, db);
}

export function scaleToDb(x: Float32Array, db: number): Float32Array {
  let ms = 0;
  for (const v of x) ms += v * v;
  ms /= x.length;
  const gain = Math.pow(10, (db - 100) / 20) / Math.sqrt(ms);
  for (let i = 0; i < x.length; i++) x[i] *= gain;
  return x;
}

/** Second difference (a high-pass) and two-point mean repeated (a low-pass). */
export function highPass(x: Float32Array): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 2; i < x.length; i++) y[i] = x[i] - 2 * x[i - 1] + x[i - 2];
  return y;
}

export function lowPass(x: Float32Array, passes = 8): Float32Array {
  let y = Float32Array.from(x);
  for (let p = 0; p < passes; p++) {
    const z = new Float32Array(y.length);
    for (let i = 1; i < y.length; i++) z[i] = 0.5 * (y[i] + y[i - 1]);
    y = z;
  }
  return y;
}

/** Short decaying clicks every 1/rate seconds starting at 50 ms. */
export function clickTrain(rate: number, seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  const x = new Float32Array(Math.round(seconds * sampleRate));
  for (let t = 0.05; t < seconds; t += 1 / rate) {
    const i = Math.round(t * sampleRate);
    for (let k = 0; k < 40 && i + k < x.length; k++) x[i + k] += amplitude * Math.exp(-k / 6) * Math.sin(k * 1.3);
  }
  return x;
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}
