import { dsp } from '@emotrans/core';
import { smoothContour } from './contour-smoother';
import { COMPARE_LLDS, VOICING_LLDS } from './lld-names';
import type { RawLlds } from './compute-llds';
import { segmentDelta } from './segment-delta';

/** The 130 tracks (65 smoothed LLDs, then their 65 deltas), track-major like RawLlds. */
export interface ComparETracks {
  readonly frames: number;
  readonly data: Float32Array;
}

/**
 * openSMILE's post-processing of the ComParE LLDs: a 3-frame moving average (`_sma`, first value repeated
 * before the start, `raw.after` after the end) and regression deltas with W = 2 (`_de`) of the smoothed
 * tracks, first / last value repeated. The voicing-related tracks are smoothed skipping zero (unvoiced)
 * frames and their deltas stay inside voiced segments (noZeroSma, onlyInSegments).
 */
export function smoothAndDelta(raw: RawLlds): ComparETracks {
  const { frames } = raw;
  const count = COMPARE_LLDS.length;
  const data = new Float32Array(2 * count * frames);
  if (frames === 0) return { frames, data };
  for (let j = 0; j < count; j++) {
    const voicing = j < VOICING_LLDS.length;
    const input = raw.data.subarray(j * frames, (j + 1) * frames);
    const smoothed = data.subarray(j * frames, (j + 1) * frames);
    const delta = data.subarray((count + j) * frames, (count + j + 1) * frames);
    smoothContour(input, smoothed, 3, raw.after ? raw.after[j] : input[frames - 1], voicing);
    if (voicing) segmentDelta(smoothed, delta, 2);
    else dsp.regressionDelta(smoothed, 2, delta);
  }
  return { frames, data };
}
