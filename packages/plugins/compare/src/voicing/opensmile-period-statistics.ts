/** Rounds to single precision: openSMILE keeps periods, amplitudes and their sums in floats. */
const f32 = Math.fround;

/**
 * openSMILE's (cPitchJitter) jitter and shimmer from the accepted periods of each frame, with what it carries
 * from frame to frame within a voiced run:
 *   jitterLocal  = (sum |P_k - P_k-1| / count) / mean P         over the frame's accepted periods P_k,
 *   jitterDDP    = (sum |d_k - d_k-1| / count) / mean P         d_k = |P_k - P_k-1| (differences of absolute
 *                                                               differences, not Praat's signed DDP),
 *   shimmerLocal = sum |A0_k - A1_k| / sum (A0_k + A1_k) / 2    A0, A1 the peak-to-peak amplitudes of the
 *                                                               period and of the stretch after it.
 * P_k-1 and d_k-1 may come from earlier frames of the run; a d_k-1 of exactly 0 does not count (nor does a
 * P_k-1 of 0). All three are clipped at 1. A frame without accepted periods repeats the previous values, a
 * frame with periods but no difference (yet) reports 0 for that jitter; an unvoiced frame reports 0 and ends
 * the run (nothing carries over it).
 */
export class OpensmilePeriodStatistics {
  jitterLocal = 0;
  jitterDDP = 0;
  shimmerLocal = 0;

  private lastPeriod = 0;
  private lastDifference = 0;
  private lastJitterLocal = 0;
  private lastJitterDDP = 0;
  private lastShimmer = 0;
  private periods = 0;
  private periodSum = 0;
  private localSum = 0;
  private locals = 0;
  private ddpSum = 0;
  private ddps = 0;
  private amplitudeSum = 0;
  private shimmerSum = 0;

  /** Starts a voiced frame. */
  beginFrame(): void {
    this.periods = 0;
    this.periodSum = 0;
    this.localSum = 0;
    this.locals = 0;
    this.ddpSum = 0;
    this.ddps = 0;
    this.amplitudeSum = 0;
    this.shimmerSum = 0;
  }

  /** An accepted period of `seconds`, with the peak-to-peak amplitudes of it and of the stretch after it. */
  addPeriod(seconds: number, amplitude0: number, amplitude1: number): void {
    const period = f32(seconds);
    this.periodSum = f32(this.periodSum + period);
    this.periods++;
    if (this.lastPeriod > 0) {
      const difference = f32(Math.abs(this.lastPeriod - period));
      this.localSum = f32(this.localSum + difference);
      this.locals++;
      if (this.lastDifference > 0) {
        this.ddpSum = f32(this.ddpSum + Math.abs(this.lastDifference - difference));
        this.ddps++;
      }
      this.lastDifference = difference;
    }
    this.lastPeriod = period;
    const a0 = f32(amplitude0);
    const a1 = f32(amplitude1);
    this.amplitudeSum = f32(this.amplitudeSum + f32(f32(a0 + a1) / 2));
    this.shimmerSum = f32(this.shimmerSum + f32(Math.abs(a0 - a1)));
  }

  /** Ends a voiced frame: sets jitterLocal, jitterDDP and shimmerLocal. */
  endFrame(): void {
    if (this.periods === 0) {
      this.jitterLocal = this.lastJitterLocal;
      this.jitterDDP = this.lastJitterDDP;
      this.shimmerLocal = this.lastShimmer;
      return;
    }
    const meanPeriod = f32(this.periodSum / this.periods);
    if (this.locals > 0) this.lastJitterLocal = Math.min(1, f32(f32(this.localSum / this.locals) / meanPeriod));
    if (this.ddps > 0) this.lastJitterDDP = Math.min(1, f32(f32(this.ddpSum / this.ddps) / meanPeriod));
    this.lastShimmer = this.amplitudeSum > 0 ? Math.min(1, f32(this.shimmerSum / this.amplitudeSum)) : 0;
    this.jitterLocal = this.locals > 0 ? this.lastJitterLocal : 0;
    this.jitterDDP = this.ddps > 0 ? this.lastJitterDDP : 0;
    this.shimmerLocal = this.lastShimmer;
  }

  /** An unvoiced frame: all three 0, and the run ends. */
  unvoicedFrame(): void {
    this.lastPeriod = 0;
    this.lastDifference = 0;
    this.lastJitterLocal = 0;
    this.lastJitterDDP = 0;
    this.lastShimmer = 0;
    this.jitterLocal = 0;
    this.jitterDDP = 0;
    this.shimmerLocal = 0;
  }
}
