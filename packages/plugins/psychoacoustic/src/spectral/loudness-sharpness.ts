import type { CriticalBands } from './critical-bands';

/** Level that a full-scale RMS (mean square 1) is taken to have, dB SPL: the calibration of all levels. */
export const FULL_SCALE_DB_SPL = 100;

/** Threshold in quiet, dB SPL (Terhardt 1979). */
export function thresholdInQuiet(hz: number): number {
  const k = Math.max(hz, 20) / 1000;
  return 3.64 * Math.pow(k, -0.8) - 6.5 * Math.exp(-0.6 * (k - 3.3) * (k - 3.3)) + 1e-3 * Math.pow(k, 4);
}

/**
 * Zwicker-style loudness and sharpness of one frame from its critical-band mean squares.
 *
 * A documented approximation of ISO 532B / DIN 45692 (no outer-ear filter, no temporal masking):
 * band levels L_b = 100 dB + 10 log10(mean square) are spread across bands with the spreading function of
 * Schroeder, Atal & Hall (1979) to give the excitation E_b; specific loudness per band is
 *   N'_b = 0.0635 10^(0.025 L_TQ) [(0.75 + 0.25 10^((E_b - L_TQ)/10))^0.25 - 1]   sone/Bark (>= 0),
 * L_TQ Terhardt's threshold in quiet at the band centre; loudness N = sum_b N'_b (1-Bark bands, sone);
 * sharpness S = 0.11 sum_b N'_b g(z_b) z_b / N acum with g(z) = 1 below 15.8 Bark, 0.066 e^(0.171 z) above
 * (DIN 45692 weighting; 0 for silence).
 */
export class LoudnessModel {
  private readonly spread: Float64Array;
  private readonly threshold: Float64Array;
  private readonly thresholdGain: Float64Array;
  private readonly sharpnessWeight: Float64Array;
  private readonly excitation: Float64Array;
  /** Specific loudness of the last frame, sone/Bark per band. */
  readonly specific: Float64Array;

  constructor(readonly bands: CriticalBands) {
    const n = bands.count;
    this.spread = new Float64Array(n * n);
    for (let to = 0; to < n; to++) {
      for (let from = 0; from < n; from++) {
        const dz = to - from + 0.474;
        const db = 15.81 + 7.5 * dz - 17.5 * Math.sqrt(1 + dz * dz);
        this.spread[to * n + from] = Math.pow(10, db / 10);
      }
    }
    this.threshold = bands.centreHz.map(thresholdInQuiet);
    this.thresholdGain = this.threshold.map((t) => 0.0635 * Math.pow(10, 0.025 * t));
    this.sharpnessWeight = bands.centreBark.map((z) => (z < 15.8 ? 1 : 0.066 * Math.exp(0.171 * z)) * z);
    this.excitation = new Float64Array(n);
    this.specific = new Float64Array(n);
  }

  /** Loudness (sone) of band mean squares `bandPower`; sharpness (acum) into result[1]. */
  analyse(bandPower: Float64Array, result: Float64Array): void {
    const n = this.bands.count;
    let loudness = 0;
    let moment = 0;
    for (let to = 0; to < n; to++) {
      let e = 0;
      for (let from = 0; from < n; from++) e += this.spread[to * n + from] * bandPower[from];
      this.excitation[to] = e;
      const level = e > 0 ? FULL_SCALE_DB_SPL + 10 * Math.log10(e) : -Infinity;
      const ratio = Math.pow(10, (level - this.threshold[to]) / 10);
      const specific = Math.max(0, this.thresholdGain[to] * (Math.pow(0.75 + 0.25 * ratio, 0.25) - 1));
      this.specific[to] = specific;
      loudness += specific;
      moment += specific * this.sharpnessWeight[to];
    }
    result[0] = loudness;
    result[1] = loudness > 1e-9 ? (0.11 * moment) / loudness : 0;
  }
}
