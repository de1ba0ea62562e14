import type { Tensor3D } from '@tensorflow/tfjs';
import type { FeatureMatrix, Random, TfModule, TrainingSequence } from '@emotrans/core';

/** A stretch of one sequence: features (rows x cols, row-major) and targets (rows x 2: arousal, valence). */
export interface Chunk {
  readonly rows: number;
  readonly features: Float32Array;
  readonly targets: Float32Array;
}

export function chunkOf(features: FeatureMatrix, targets?: { arousal: Float32Array; valence: Float32Array }): Chunk {
  const y = new Float32Array(features.rows * 2);
  if (targets) {
    for (let i = 0; i < features.rows; i++) {
      y[2 * i] = targets.arousal[i];
      y[2 * i + 1] = targets.valence[i];
    }
  }
  return { rows: features.rows, features: features.data, targets: y };
}

/**
 * Training sequences cut into chunks of at most `length` steps: each sequence into the fewest chunks that
 * fit, of near-equal lengths (a 60-step sequence with length 50 gives two chunks of 30, not 50 + 10, so a
 * batch wastes little on padding). `length` 0 keeps whole sequences.
 */
export function chunkSequences(sequences: readonly TrainingSequence[], length: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (const s of sequences) {
    if (s.features.rows !== s.targets.arousal.length) {
      throw new Error(`sequence ${s.id}: ${s.features.rows} feature rows but ${s.targets.arousal.length} target values`);
    }
    const whole = chunkOf(s.features, s.targets);
    if (length <= 0 || whole.rows <= length) {
      if (whole.rows > 0) chunks.push(whole);
      continue;
    }
    const cols = s.features.cols;
    const count = Math.ceil(whole.rows / length);
    const base = Math.floor(whole.rows / count);
    const longer = whole.rows % count;
    let start = 0;
    for (let k = 0; k < count; k++) {
      const end = start + base + (k < longer ? 1 : 0);
      chunks.push({
        rows: end - start,
        features: whole.features.subarray(start * cols, end * cols),
        targets: whole.targets.subarray(start * 2, end * 2),
      });
      start = end;
    }
  }
  return chunks;
}

/** A padded batch, time-major: inputs, masks and targets. Dispose with `disposeBatch`. */
export interface TensorBatch {
  /** steps x batch x inputs */
  readonly inputs: Tensor3D;
  /** steps x batch: 1 on real steps, 0 on padding; undefined when nothing is padded. */
  readonly padding?: Float32Array;
  /** steps x batch x 1 */
  readonly mask: Tensor3D;
  /** steps x batch x 2 */
  readonly targets: Tensor3D;
  readonly length: number;
  readonly size: number;
}

/**
 * Pads chunks at their end to a common length (at least `padTo`) and lays them out time-major. Gaussian
 * noise of standard deviation `noise.sigma` is added to real (unpadded) input values when given.
 */
export function makeBatch(
  tf: TfModule,
  chunks: readonly Chunk[],
  cols: number,
  options: { padTo?: number; noise?: { sigma: number; random: Random } } = {},
): TensorBatch {
  const size = chunks.length;
  const length = Math.max(options.padTo ?? 0, ...chunks.map((c) => c.rows));
  const x = new Float32Array(length * size * cols);
  const mask = new Float32Array(length * size);
  const y = new Float32Array(length * size * 2);
  let padded = false;
  const noise = options.noise && options.noise.sigma > 0 ? options.noise : undefined;
  chunks.forEach((chunk, b) => {
    if (chunk.rows < length) padded = true;
    for (let t = 0; t < chunk.rows; t++) {
      const at = (t * size + b) * cols;
      const from = t * cols;
      if (noise) for (let j = 0; j < cols; j++) x[at + j] = chunk.features[from + j] + noise.sigma * noise.random.normal();
      else x.set(chunk.features.subarray(from, from + cols), at);
      mask[t * size + b] = 1;
      y[(t * size + b) * 2] = chunk.targets[t * 2];
      y[(t * size + b) * 2 + 1] = chunk.targets[t * 2 + 1];
    }
  });
  return {
    inputs: tf.tensor3d(x, [length, size, cols]),
    padding: padded ? mask : undefined,
    mask: tf.tensor3d(mask, [length, size, 1]),
    targets: tf.tensor3d(y, [length, size, 2]),
    length,
    size,
  };
}

export function disposeBatch(tf: TfModule, batch: TensorBatch): void {
  tf.dispose([batch.inputs, batch.mask, batch.targets]);
}
