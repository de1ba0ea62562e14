/**
 * The real (unpadded) rows of a time-major batch of sequences padded at their end: what the fused layer
 * computes on, so padding costs nothing (as packed sequences do in cuDNN and PyTorch). Real rows are
 * numbered in row order (row = t * batch + b), so the real rows of step t are consecutive from `start[t]`.
 */
export interface PackedRows {
  /** Number of real rows. */
  readonly count: number;
  /** Row index (t * batch + b) of each real row. */
  readonly rows: Int32Array;
  /** Per step: the sequences with a real step there, ascending. */
  readonly members: readonly Int32Array[];
  /** Per step: the packed index of its first real row. */
  readonly start: Int32Array;
  /** True when nothing is padded (packed index = row index). */
  readonly complete: boolean;
}

/** From the padding mask (steps x batch, 1 on real steps, 0 on padding); no mask means no padding. */
export function packRows(steps: number, batch: number, mask?: Float32Array): PackedRows {
  const rows: number[] = [];
  const members: Int32Array[] = [];
  const start = new Int32Array(steps);
  for (let t = 0; t < steps; t++) {
    start[t] = rows.length;
    const here: number[] = [];
    for (let b = 0; b < batch; b++) {
      if (mask && mask[t * batch + b] === 0) continue;
      here.push(b);
      rows.push(t * batch + b);
    }
    members.push(Int32Array.from(here));
  }
  return { count: rows.length, rows: Int32Array.from(rows), members, start, complete: rows.length === steps * batch };
}
