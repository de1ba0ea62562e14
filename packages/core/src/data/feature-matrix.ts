/**
 * Rows are frames (time steps), columns are named features; stored row-major in one Float32Array
 * so hot loops stay on typed arrays.
 */
export interface FeatureMatrix {
  readonly names: readonly string[];
  /** Rows per second. */
  readonly frameRate: number;
  /** The time each row describes, in seconds from the start of the audio: a window's centre. */
  readonly times: Float64Array;
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

export function createFeatureMatrix(
  names: readonly string[],
  frameRate: number,
  times: Float64Array,
  data: Float32Array,
): FeatureMatrix {
  const cols = names.length;
  const rows = times.length;
  if (data.length !== rows * cols) {
    throw new Error(`feature matrix: ${data.length} values do not make ${rows} rows x ${cols} columns`);
  }
  return { names, frameRate, times, data, rows, cols };
}

/** Rows start, start+1, ..., end-1 (a copy). */
export function sliceRows(m: FeatureMatrix, start: number, end: number): FeatureMatrix {
  return createFeatureMatrix(m.names, m.frameRate, m.times.slice(start, end), m.data.slice(start * m.cols, end * m.cols));
}

/** The same rows with new values (same shape or a new column set). */
export function withData(m: FeatureMatrix, data: Float32Array, names: readonly string[] = m.names): FeatureMatrix {
  return createFeatureMatrix(names, m.frameRate, m.times, data);
}

export function column(m: FeatureMatrix, j: number): Float32Array {
  const out = new Float32Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j];
  return out;
}

/** Stacks the rows of several matrices with the same columns (for per-frame models and statistics). */
export function stackRows(matrices: readonly FeatureMatrix[]): Float32Array {
  const cols = matrices.length ? matrices[0].cols : 0;
  let rows = 0;
  for (const m of matrices) {
    if (m.cols !== cols) throw new Error(`cannot stack feature matrices with ${m.cols} and ${cols} columns`);
    rows += m.rows;
  }
  const out = new Float32Array(rows * cols);
  let offset = 0;
  for (const m of matrices) {
    out.set(m.data, offset);
    offset += m.data.length;
  }
  return out;
}

/**
 * The rows of several matrices with the same columns, in order, as one matrix (the chunks a streaming feature
 * set returned); `names` and `frameRate` are used when there is no chunk.
 */
export function joinRows(chunks: readonly FeatureMatrix[], names: readonly string[] = chunks[0]?.names ?? [], frameRate = chunks[0]?.frameRate ?? 0): FeatureMatrix {
  if (chunks.length === 1) return chunks[0];
  const rows = chunks.reduce((n, m) => n + m.rows, 0);
  const times = new Float64Array(rows);
  let at = 0;
  for (const m of chunks) {
    times.set(m.times, at);
    at += m.rows;
  }
  return createFeatureMatrix(names, frameRate, times, stackRows(chunks));
}
