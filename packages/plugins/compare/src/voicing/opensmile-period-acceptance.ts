/**
 * Which periods count for jitter and shimmer in openSMILE's cPitchJitter as ComParE configures it
 * (useBrokenJitterThresh 1): a period's correlation must exceed the lowest correlation of the frame so far,
 * its own included, held in single precision. So a new minimum, and in particular the frame's first period,
 * passes only when rounding its correlation to float lowers it.
 */
export class RunningMinimumAcceptance {
  private minimum = Number.NaN;

  /** Starts a frame. */
  reset(): void {
    this.minimum = Number.NaN;
  }

  /** Records the correlation of the next period of the frame; true when that period counts. */
  accepts(correlation: number): boolean {
    if (Number.isNaN(this.minimum) || this.minimum > correlation) this.minimum = Math.fround(correlation);
    return correlation > this.minimum;
  }
}

/** Which periods count for jitter and shimmer: IS13_ComParE's running minimum or ComParE_2016's fixed threshold. */
export type PeriodThreshold = 'running-minimum' | 'fixed';

/**
 * ComParE_2016 (useBrokenJitterThresh 0): a period counts when its correlation exceeds minCC (0.5), held
 * in single precision as openSMILE holds it.
 */
export class FixedThresholdAcceptance {
  private readonly threshold: number;

  constructor(threshold: number) {
    this.threshold = Math.fround(threshold);
  }

  reset(): void {}

  accepts(correlation: number): boolean {
    return correlation > this.threshold;
  }
}
