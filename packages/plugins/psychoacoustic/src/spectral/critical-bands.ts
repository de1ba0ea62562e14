import { dsp } from '@emotrans/core';

/**
 * One-Bark-wide critical bands over the bins of a power spectrum: band b spans [b, b+1) Bark
 * (Traunmüller's Bark scale, as the core's dsp.hzToBark), up to the Nyquist frequency or 24 Bark.
 */
export interface CriticalBands {
  readonly count: number;
  /** Band of each spectrum bin (-1: outside every band, e.g. the DC bin). */
  readonly bandOfBin: Int16Array;
  /** Centre of each band in Bark (b + 0.5) and in Hz. */
  readonly centreBark: Float64Array;
  readonly centreHz: Float64Array;
}

export function criticalBands(bins: number, binHz: number): CriticalBands {
  const nyquistBark = dsp.hzToBark(binHz * (bins - 1));
  const count = Math.max(1, Math.min(24, Math.floor(nyquistBark)));
  const bandOfBin = new Int16Array(bins).fill(-1);
  for (let k = 1; k < bins; k++) {
    const z = Math.floor(dsp.hzToBark(k * binHz));
    if (z >= 0 && z < count) bandOfBin[k] = z;
  }
  const centreBark = Float64Array.from({ length: count }, (_, b) => b + 0.5);
  const centreHz = centreBark.map((z) => dsp.barkToHz(z));
  return { count, bandOfBin, centreBark, centreHz };
}
