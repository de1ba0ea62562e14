import { createFeatureMatrix, createRandom, createTraces, loadTf, silentProgress, type Random, type RunContext, type TrainingSequence } from '@emotrans/core';

/**
 * A sequence of white-noise inputs whose targets need memory: arousal is a leaky integration of input 0,
 * a[t] = 0.8 a[t-1] + 0.5 x0[t] (a per-frame model of x0[t] reaches only r = 0.6), and valence is input 1
 * `delay` steps earlier (a per-frame model reaches r = 0); a negative delay makes valence a future input,
 * which only a model reading the sequence backwards can know.
 */
export function memorySequence(id: string, rows: number, random: Random, delay = 3, cols = 4): TrainingSequence {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = random.normal();
  const arousal = new Float32Array(rows);
  const valence = new Float32Array(rows);
  let state = 0;
  for (let t = 0; t < rows; t++) {
    state = 0.8 * state + 0.5 * data[t * cols];
    arousal[t] = state;
    valence[t] = t - delay >= 0 && t - delay < rows ? data[(t - delay) * cols + 1] : 0;
  }
  const times = Float64Array.from({ length: rows }, (_, i) => i + 0.5);
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  return { id, features: createFeatureMatrix(names, 1, times, data), targets: createTraces(times, arousal, valence) };
}

export function memorySequences(prefix: string, count: number, rows: [number, number], random: Random, delay = 3): TrainingSequence[] {
  return Array.from({ length: count }, (_, i) => memorySequence(`${prefix}${i}`, rows[0] + random.int(rows[1] - rows[0] + 1), random, delay));
}

export function testContext(seed: number): RunContext {
  return { random: createRandom(seed), cacheDir: '/tmp', progress: silentProgress, log: () => {}, tf: () => loadTf() };
}

/** Pearson correlation (float64). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Concordance correlation coefficient with population moments. */
export function concordance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return (2 * sxy) / n / (sxx / n + syy / n + (mx - my) ** 2);
}

export function std(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / x.length);
}

export function concat(parts: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(Array.from(p), at);
    at += p.length;
  }
  return out;
}
