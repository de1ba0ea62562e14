import { dsp } from '@emotrans/core';
import { smoothContour } from './contour-smoother';
import { COMPARE_LLDS, LLD_OFFSET } from './lld-names';
import type { RawLlds } from './compute-llds';
import { segmentDelta, segmentDeltasOpensmile } from './segment-delta';

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
  const count = COMPARE_LLDS.length;
  const data = new Float32Array(2 * count * frames);
  if (frames === 0) return { frames, data };
  const spectralLength = Math.min(stride, frames + DELTA_WINDOW);
  const smoothed = new Float32Array(spectralLength);
  const delta = new Float32Array(spectralLength);
  for (let j = 0; j < count; j++) {
    const voicing = j < LLD_OFFSET.energy;
    const length = j >= LLD_OFFSET.spectral ? spectralLength : frames;
    const input = raw.data.subarray(j * stride, (j + 1) * stride);
    const s = smoothContour(input, smoothed.subarray(0, length), 3, voicing);
    const d = delta.subarray(0, length);
    if (voicing) {
      // the voicing deltas are computed below from the smoothed rows, all six fields together
      data.set(s.subarray(0, frames), j * frames);
      continue;
    }
    dsp.regressionDelta(s, DELTA_WINDOW, d);
    data.set(s.subarray(0, frames), j * frames);
    data.set(d.subarray(0, frames), (count + j) * frames);
  }
  const voicingTracks = Array.from({ length: LLD_OFFSET.energy }, (_, j) => data.subarray(j * frames, (j + 1) * frames));
  const voicingDeltas = Array.from({ length: LLD_OFFSET.energy }, (_, j) => data.subarray((count + j) * frames, (count + j + 1) * frames));
  if (options.deltaNormaliser === 'opensmile') segmentDeltasOpensmile(voicingTracks, voicingDeltas, DELTA_WINDOW);
  else voicingTracks.forEach((track, j) => segmentDelta(track, voicingDeltas[j], DELTA_WINDOW));
  return { frames, data };
}
