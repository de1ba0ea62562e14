import { smoothContour } from '../compare-building-blocks';
import { ENERGY_SPECTRAL_LLDS, EGEMAPS_LLDS } from './lld-names';
import type { RawEgemapsLlds } from './compute-llds';

/** Smoothed tracks, track-major: track j of row i is data[j * frames + i]. */
export interface EgemapsTracks {
  readonly frames: number;
  readonly data: Float32Array;
}

/**
 * openSMILE's cContourSmoother over 3 frames as eGeMAPS runs it: `_sma3` for the energy/spectral LLDs,
 * `_sma3nz` (zeros stay zero and are left out of the average) for the frequency/voice-quality ones. `track`
 * picks the raw values to smooth (default: the LLD's own raw track; the functionals smooth voiced-gated
 * copies). The first value is repeated before the start; at the end the raw look-ahead frames are read.
 */
export function smoothTrack(raw: RawEgemapsLlds, values: Float32Array, skipZeros: boolean): Float32Array {
  return smoothContour(values, new Float32Array(raw.frames), 3, skipZeros);
}

/**
 * A frequency / voice-quality LLD (`_sma3nz`) as SMILExtract writes it, rows = L + 1 for L whole 60 ms frames
 * (seen at 8 to 48 kHz on speech and music, every F-group column): its smoother meets the end of the input
 * when the pitch smoother has decided only D of the L frames, and again after the flush, so
 * - rows 0 .. D-1 are smoothed from frames 0 .. D-1 (frame D-1 repeated after the end),
 * - row D is frame D-1 unsmoothed,
 * - rows D+1 .. L-1 are smoothed from all L frames (frame L-1 repeated after the end),
 * - row L is frame L-1 unsmoothed.
 * With D = L - 1, the usual case when a file ends unvoiced, the last two rows are frames L-2 and L-1.
 */
export function smoothFrequencyTrack(values: Float32Array, frames: number, decided: number): Float32Array {
  const out = new Float32Array(frames + 1);
  if (frames < 1) return out;
  // rows D+1 .. L-1 (all rows when nothing or everything was decided: no split)
  const whole = smoothContour(values.subarray(0, frames), new Float32Array(frames), 3, true);
  const split = decided >= 1 && decided < frames;
  const from = split ? decided + 1 : 0;
  out.set(whole.subarray(from, frames), from);
  if (split) {
    smoothContour(values.subarray(0, decided), out.subarray(0, decided), 3, true);
    out[decided] = values[decided - 1];
  }
  out[frames] = values[frames - 1];
  return out;
}

/** All 25 LLDs smoothed (egemaps-lld's columns). */
export function smoothEgemapsLlds(raw: RawEgemapsLlds): EgemapsTracks {
  const { frames, stride } = raw;
  const data = new Float32Array(EGEMAPS_LLDS.length * frames);
  if (frames === 0) return { frames, data };
  for (let j = 0; j < EGEMAPS_LLDS.length; j++) {
    const skipZeros = j >= ENERGY_SPECTRAL_LLDS.length;
    const values = raw.data.subarray(j * stride, (j + 1) * stride);
    data.set(skipZeros ? smoothFrequencyTrack(values, raw.longFrames, raw.decidedFrames) : smoothTrack(raw, values, false), j * frames);
  }
  return { frames, data };
}
