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
// The fields of OpensmilePeriodStatistics' state, all doubles.
const LAST_PERIOD = 0;
const LAST_DIFFERENCE = 1;
const LAST_JITTER_LOCAL = 2;
const LAST_JITTER_DDP = 3;
const LAST_SHIMMER = 4;
const PERIOD_SUM = 5;
const LOCAL_SUM = 6;
const DDP_SUM = 7;
const AMPLITUDE_SUM = 8;
const SHIMMER_SUM = 9;
const JITTER_LOCAL = 10;
const JITTER_DDP = 11;
const SHIMMER_LOCAL = 12;
const STATE_FIELDS = 13;

export class OpensmilePeriodStatistics {
  // The doubles live in a typed array rather than in fields: a field first set to 0 holds small integers,
  // and the first double stored changes the object's hidden class, which deoptimises the code compiled for
  // it when the next file's analyser arrives (each thread of `features --jobs` pays for that again).
  private readonly state = new Float64Array(STATE_FIELDS);
  private periods = 0;
  private locals = 0;
  private ddps = 0;

  get jitterLocal(): number {
    return this.state[JITTER_LOCAL];
  }

  get jitterDDP(): number {
    return this.state[JITTER_DDP];
  }

  get shimmerLocal(): number {
    return this.state[SHIMMER_LOCAL];
  }

  /** Starts a voiced frame. */
  beginFrame(): void {
    this.periods = 0;
    this.locals = 0;
    this.ddps = 0;
    this.state.fill(0, PERIOD_SUM, SHIMMER_SUM + 1);
  }

  /** An accepted period of `seconds`, with the peak-to-peak amplitudes of it and of the stretch after it. */
  addPeriod(seconds: number, amplitude0: number, amplitude1: number): void {
    const s = this.state;
    const period = f32(seconds);
    s[PERIOD_SUM] = f32(s[PERIOD_SUM] + period);
    this.periods++;
    const lastPeriod = s[LAST_PERIOD];
    if (lastPeriod > 0) {
      const difference = f32(Math.abs(lastPeriod - period));
      s[LOCAL_SUM] = f32(s[LOCAL_SUM] + difference);
      this.locals++;
      const lastDifference = s[LAST_DIFFERENCE];
      if (lastDifference > 0) {
        s[DDP_SUM] = f32(s[DDP_SUM] + Math.abs(lastDifference - difference));
        this.ddps++;
      }
      s[LAST_DIFFERENCE] = difference;
    }
    s[LAST_PERIOD] = period;
    const a0 = f32(amplitude0);
    const a1 = f32(amplitude1);
    s[AMPLITUDE_SUM] = f32(s[AMPLITUDE_SUM] + f32(f32(a0 + a1) / 2));
    s[SHIMMER_SUM] = f32(s[SHIMMER_SUM] + f32(Math.abs(a0 - a1)));
  }

  /** Ends a voiced frame: sets jitterLocal, jitterDDP and shimmerLocal. */
  endFrame(): void {
    const s = this.state;
    if (this.periods === 0) {
      s[JITTER_LOCAL] = s[LAST_JITTER_LOCAL];
      s[JITTER_DDP] = s[LAST_JITTER_DDP];
      s[SHIMMER_LOCAL] = s[LAST_SHIMMER];
      return;
    }
    const meanPeriod = f32(s[PERIOD_SUM] / this.periods);
    if (this.locals > 0) s[LAST_JITTER_LOCAL] = Math.min(1, f32(f32(s[LOCAL_SUM] / this.locals) / meanPeriod));
    if (this.ddps > 0) s[LAST_JITTER_DDP] = Math.min(1, f32(f32(s[DDP_SUM] / this.ddps) / meanPeriod));
    s[LAST_SHIMMER] = s[AMPLITUDE_SUM] > 0 ? Math.min(1, f32(s[SHIMMER_SUM] / s[AMPLITUDE_SUM])) : 0;
    s[JITTER_LOCAL] = this.locals > 0 ? s[LAST_JITTER_LOCAL] : 0;
    s[JITTER_DDP] = this.ddps > 0 ? s[LAST_JITTER_DDP] : 0;
    s[SHIMMER_LOCAL] = s[LAST_SHIMMER];
  }

  /** An unvoiced frame: all three 0, and the run ends. */
  unvoicedFrame(): void {
    this.state.fill(0, LAST_PERIOD, LAST_SHIMMER + 1);
    this.state.fill(0, JITTER_LOCAL, SHIMMER_LOCAL + 1);
  }
}
