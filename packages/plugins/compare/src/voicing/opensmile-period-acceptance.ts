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
