/**
 * Regression deltas that stay inside voiced segments (openSMILE's cDeltaRegression with onlyInSegments=1,
 * zeroSegBound=1, as ComParE applies it to F0 and voice quality): a pair (x[t-k], x[t+k]), k = 1..W,
 * contributes k (x[t+k] - x[t-k]) only when both ends are non-zero (zeros bound the segments), and the sum
 * is divided by 2 sum k^2 over the pairs that contributed (0 if none did), which is the ordinary regression
 * delta inside a segment. Before the start the first value is repeated; after the last row there is no
 * value, so the end of the input bounds a segment (openSMILE's last row gets delta 0 even when voiced).
 *
 * openSMILE 3.0 divides by a normaliser that keeps growing over the whole file instead (it adds k^2 for every
 * contributing pair of every frame and every field to one running total), so its onlyInSegments deltas fade
 * towards zero as a file goes on; we use the per-frame normaliser the formula intends (see VALIDATION.md).
 */
export function segmentDelta(input: Float32Array, out: Float32Array, window = 2, range: RowRange = wholeTrack(input)): Float32Array {
  if (out === input) throw new Error('segmentDelta: output must not alias input');
  const { origin, rows } = range;
  const at = (i: number) => (i >= rows ? 0 : input[(i < 0 ? 0 : i) - origin]);
  for (let t = range.from; t < range.to; t++) {
    let sum = 0;
    let norm = 0;
    for (let k = 1; k <= window; k++) {
      const before = at(t - k);
      const after = at(t + k);
      if (before === 0 || after === 0) continue;
      sum += k * (after - before);
      norm += 2 * k * k;
    }
    out[t - origin] = norm > 0 ? sum / norm : 0;
  }
  return out;
}

/**
 * Which rows of a track a delta call computes, for tracks that arrive in batches: `input[k]` (and `out[k]`) is
 * row origin + k; rows [from, to) are written; the track has `rows` rows in all (Infinity while unknown). The
 * batch must hold the `window` rows around those written (or reach the track's start or end).
 */
export interface RowRange {
  readonly origin: number;
  readonly from: number;
  readonly to: number;
  readonly rows: number;
}

function wholeTrack(input: Float32Array): RowRange {
  return { origin: 0, from: 0, to: input.length, rows: input.length };
}

/** openSMILE's running delta normaliser (segmentDeltasOpensmile), carried from batch to batch of one file. */
export interface DeltaNormaliserState {
  norm: number;
}

export function initialDeltaNormaliser(window = 2): DeltaNormaliserState {
  let norm = 0;
  for (let k = 1; k <= window; k++) norm += k * k;
  return { norm: Math.fround(2 * norm) };
}

/**
 * openSMILE 3.0's onlyInSegments deltas of several fields of one level (the six voicing LLDs): the same sums
 * as segmentDelta, but divided by one running normaliser shared by the fields, which starts at 2 sum k^2
 * and grows by k^2 for every contributing pair, taken frame by frame and field by field in that order, in
 * single precision (cDeltaRegression's `norm` member, never reset). So the deltas shrink through a file.
 */
export function segmentDeltasOpensmile(
  inputs: readonly Float32Array[],
  outs: readonly Float32Array[],
  window = 2,
  state: DeltaNormaliserState = initialDeltaNormaliser(window),
  range: RowRange = wholeTrack(inputs.length ? inputs[0] : new Float32Array(0)),
): void {
  const { origin, rows: n } = range;
  let norm = state.norm;
  for (let t = range.from; t < range.to; t++) {
    for (let f = 0; f < inputs.length; f++) {
      const input = inputs[f];
      let sum = 0;
      for (let k = 1; k <= window; k++) {
        const before = input[(t - k < 0 ? 0 : t - k) - origin];
        const after = t + k >= n ? 0 : input[t + k - origin];
        if (before === 0 || after === 0) continue;
        sum = Math.fround(sum + Math.fround(k * Math.fround(after - before)));
        norm = Math.fround(norm + k * k);
      }
      outs[f][t - origin] = Math.fround(sum / norm);
    }
  }
  state.norm = norm;
}
