import { createFeatureMatrix, type FeatureMatrix } from '../data/feature-matrix';
import { createTraces, regularTimes, type Traces } from '../data/traces';
import type { TrainingSequence } from '../extension-points/regressor';
import { silentProgress } from '../runtime/progress';
import { createRandom } from '../runtime/random';
import type { RunContext } from '../runtime/context';
import { loadTf } from '../runtime/tf';

/** A seeded context like the runner's (no log output), its cache under `cacheDir`. */
export function checkContext(seed: number, cacheDir: string): RunContext {
  return { random: createRandom(seed), cacheDir, progress: silentProgress, log: () => {}, tf: () => loadTf() };
}

/** A `rows` x `cols` matrix of z-scored-like values (mean `shift`, spread `scale`), one row per second. */
export function syntheticMatrix(rows: number, cols: number, seed: number, shift = 0, scale = 1): FeatureMatrix {
  const random = createRandom(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = shift + scale * random.normal();
  return createFeatureMatrix(
    Array.from({ length: cols }, (_, j) => `f${j}`),
    1,
    regularTimes(rows, 1, 0.5),
    data,
  );
}

/** A training sequence whose arousal and valence are linear in its first two features (learnable). */
export function syntheticSequence(id: string, rows: number, cols: number, seed: number): TrainingSequence {
  const features = syntheticMatrix(rows, cols, seed);
  const arousal = new Float32Array(rows);
  const valence = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    arousal[i] = 0.3 * features.data[i * cols];
    valence[i] = -0.2 * features.data[i * cols + Math.min(1, cols - 1)];
  }
  return { id, features, targets: createTraces(features.times, arousal, valence) };
}

/** A copy of everything numeric in the value (typed arrays included), to tell later whether it was mutated. */
export function snapshot(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v));
}

/** The first non-finite value of a matrix, described, or undefined. */
export function firstNonFinite(m: FeatureMatrix): string | undefined {
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) return `row ${Math.floor(i / m.cols)} column ${m.names[i % m.cols] ?? i % m.cols} is ${m.data[i]}`;
  }
  return undefined;
}

/** The first non-finite value of traces, described, or undefined. */
export function firstNonFiniteTrace(t: Traces): string | undefined {
  for (const dimension of ['arousal', 'valence'] as const) {
    const values = t[dimension];
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return `${dimension}[${i}] is ${values[i]}`;
  }
  return undefined;
}
