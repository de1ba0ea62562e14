import { ccc as cccMetric, pearson as pearsonMetric } from '@emotrans/plugin-metrics';
import type { LstmOptions } from '../src';
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

/** Pearson correlation and concordance (population moments), from the metrics plugin. */
export const pearson = (x: ArrayLike<number>, y: ArrayLike<number>): number => pearsonMetric.score(x, y);
export const concordance = (x: ArrayLike<number>, y: ArrayLike<number>): number => cccMetric.score(x, y);

/** Small, fast LSTM options for tests; `overrides` changes single fields. */
export const smallOptions = (overrides: Partial<LstmOptions> = {}): LstmOptions => ({
  units: [24, 8],
  inputNoise: 0,
  dropout: 0,
  learningRate: 0.01,
  optimiser: 'adam',
  epochs: 30,
  batchSize: 32,
  loss: 'mse',
  patience: 0,
  chunkLength: 20,
  ...overrides,
});

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
