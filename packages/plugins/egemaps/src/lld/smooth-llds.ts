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

/** The six formant frequency / bandwidth tracks (their smoother ends earlier: smoothFormantTrack). */
const FORMANT_TRACK = /^F\d(frequency|bandwidth)$/;

/**
 * The formant frequency / bandwidth LLDs as SMILExtract writes their last rows (seen at 8 to 48 kHz on
 * speech and music): its formant smoother has only rows - 2 frames when the input ends (the formant level
 * lags behind the pitch level it is joined with), so row rows - 3 is smoothed with its last frame repeated,
 * and the two rows after it carry the raw values of frames rows - 3 and rows - 2, unsmoothed.
 */
export function smoothFormantTrack(values: Float32Array, rows: number): Float32Array {
  const seen = rows - 2;
  if (seen < 1 || values.length < rows - 1) return smoothContour(values, new Float32Array(rows), 3, true);
  const out = new Float32Array(rows);
  smoothContour(values.subarray(0, seen), out.subarray(0, seen), 3, true);
  out[seen] = values[seen - 1];
  out[seen + 1] = values[seen];
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
    data.set(FORMANT_TRACK.test(EGEMAPS_LLDS[j]) ? smoothFormantTrack(values, frames) : smoothTrack(raw, values, skipZeros), j * frames);
  }
  return { frames, data };
}
