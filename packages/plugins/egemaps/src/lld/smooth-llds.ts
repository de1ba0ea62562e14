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

/** All 25 LLDs smoothed (egemaps-lld's columns). */
export function smoothEgemapsLlds(raw: RawEgemapsLlds): EgemapsTracks {
  const { frames, stride } = raw;
  const data = new Float32Array(EGEMAPS_LLDS.length * frames);
  if (frames === 0) return { frames, data };
  for (let j = 0; j < EGEMAPS_LLDS.length; j++) {
    const skipZeros = j >= ENERGY_SPECTRAL_LLDS.length;
    data.set(smoothTrack(raw, raw.data.subarray(j * stride, (j + 1) * stride), skipZeros), j * frames);
  }
  return { frames, data };
}
