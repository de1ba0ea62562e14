import { dsp } from '@emotrans/core';
import { smoothContour } from './contour-smoother';
import { COMPARE_LLDS, LLD_OFFSET } from './lld-names';
import type { RawLlds } from './compute-llds';
import { initialDeltaNormaliser, segmentDelta, segmentDeltasOpensmile, type DeltaNormaliserState } from './segment-delta';

/** The 130 tracks (65 smoothed LLDs, then their 65 deltas), track-major: track j of row i is data[j * frames + i]. */
export interface ComparETracks {
  readonly frames: number;
  readonly data: Float32Array;
}

/** Delta half-window W (ComParE: 2). */
const DELTA_WINDOW = 2;

/**
 * openSMILE's post-processing of the ComParE LLDs: a 3-frame moving average (`_sma`) and regression deltas
 * with W = 2 (`_de`) of the smoothed tracks; the voicing-related tracks are smoothed skipping zero (unvoiced)
 * frames and their deltas stay inside voiced segments (noZeroSma, onlyInSegments).
 *
 * Ends as in IS13_ComParE, where three smoother levels run side by side: the first value is repeated before
 * the start. The smoother reads the raw look-ahead frames after the last row. The deltas of the voicing
 * and energy levels repeat the last smoothed row (those levels end with the last whole 60 ms frame); the
 * deltas of the spectral level (RASTA bands, cSpectral descriptors, MFCC: all from 20 ms frames) read the
 * smoothed look-ahead rows, which openSMILE's spectral level has.
 */
export interface SmoothAndDeltaOptions {
  /**
   * 'per-frame' (default here): voicing deltas divided by 2 sum k^2 over the pairs used in each frame;
   * 'opensmile': by openSMILE 3.0's running normaliser (segmentDeltasOpensmile).
   */
  readonly deltaNormaliser?: 'opensmile' | 'per-frame';
}

export function smoothAndDelta(raw: RawLlds, options: SmoothAndDeltaOptions = {}): ComparETracks {
  const { frames } = raw;
  const stride = raw.stride ?? frames;
  if (stride < frames) throw new Error(`smoothAndDelta: stride ${stride} < frames ${frames}`);
  const columns = 2 * COMPARE_LLDS.length;
  const data = new Float32Array(columns * frames);
  if (frames === 0) return { frames, data };
  const rows = new Float32Array(columns * frames);
  const batch = { origin: 0, length: stride, data: raw.data };
  smoothAndDeltaRows(batch, 0, frames, { frames, stride }, options, initialDeltaNormaliser(DELTA_WINDOW), rows);
  for (let i = 0; i < frames; i++) for (let j = 0; j < columns; j++) data[j * frames + i] = rows[i * columns + j];
  return { frames, data };
}

/** Raw LLD rows origin .. origin + length - 1 of a signal, track-major: track j of row origin + k is data[j * length + k]. */
export interface RawLldBatch {
  readonly origin: number;
  readonly length: number;
  readonly data: Float32Array;
}

/** Rows a smoothed row needs on each side in the raw LLDs (smoother 1, deltas 2). */
export const SMOOTH_AND_DELTA_REACH = 1 + DELTA_WINDOW;

/**
 * smoothAndDelta for rows [from, to) of a signal whose raw LLDs arrive in batches: `out` gets row from + r at
 * r x 130 (row-major: 65 smoothed LLDs, then their deltas). The batch holds the raw rows from
 * max(0, from - SMOOTH_AND_DELTA_REACH) to to + SMOOTH_AND_DELTA_REACH, or to the end of the look-ahead when
 * `end` (the signal's `frames` and `stride`, see RawLlds) says the signal is over. `state` carries openSMILE's
 * delta normaliser from batch to batch: every row is computed once, in order.
 */
export function smoothAndDeltaRows(
  batch: RawLldBatch,
  from: number,
  to: number,
  end: { readonly frames: number; readonly stride: number } | undefined,
  options: SmoothAndDeltaOptions,
  state: DeltaNormaliserState,
  out: Float32Array,
): void {
  const count = COMPARE_LLDS.length;
  const columns = 2 * count;
  const { origin, length } = batch;
  if (to <= from) return;
  const smoothed = new Float32Array(length);
  const delta = new Float32Array(length);
  const voicingSmoothed = Array.from({ length: LLD_OFFSET.energy }, () => new Float32Array(length));
  // The rows each track is smoothed over: at the end, the voicing and energy levels stop at the last row, the
  // spectral level reads on into two smoothed look-ahead rows.
  const rowsOf = (j: number) => (end ? Math.min(length, (j >= LLD_OFFSET.spectral ? Math.min(end.stride, end.frames + DELTA_WINDOW) : end.frames) - origin) : length);
  for (let j = 0; j < count; j++) {
    const voicing = j < LLD_OFFSET.energy;
    const input = batch.data.subarray(j * length, (j + 1) * length);
    const rows = rowsOf(j);
    const s = smoothContour(input, (voicing ? voicingSmoothed[j] : smoothed).subarray(0, rows), 3, voicing);
    for (let r = from; r < to; r++) out[(r - from) * columns + j] = s[r - origin];
    // the voicing deltas are computed below from the smoothed rows, all six fields together
    if (voicing) continue;
    const d = dsp.regressionDelta(s, DELTA_WINDOW, delta.subarray(0, rows));
    for (let r = from; r < to; r++) out[(r - from) * columns + count + j] = d[r - origin];
  }
  const range = { origin, from, to, rows: end ? end.frames : Infinity };
  const voicingDeltas = voicingSmoothed.map(() => new Float32Array(length));
  if (options.deltaNormaliser === 'opensmile') segmentDeltasOpensmile(voicingSmoothed, voicingDeltas, DELTA_WINDOW, state, range);
  else voicingSmoothed.forEach((track, j) => segmentDelta(track, voicingDeltas[j], DELTA_WINDOW, range));
  for (let j = 0; j < LLD_OFFSET.energy; j++) {
    for (let r = from; r < to; r++) out[(r - from) * columns + count + j] = voicingDeltas[j][r - origin];
  }
}
