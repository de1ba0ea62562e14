/**
 * RASTA band-pass filtering of log critical-band trajectories, as openSMILE's cPlp with newRASTA=1:
 * FIR numerator (2, 1, 0, -1, -2)-shaped with coefficients from the upper cut-off (29 Hz), a one-pole
 * IIR part 1 - sin(2 pi f_low T) (f_low = 1 Hz), transposed direct form II; the first five frames output 0
 * and the IIR feedback starts after them (a stable start-up). State per band; call once per frame.
 */
export class RastaFilter {
  private readonly b: Float64Array;
  private readonly a: number;
  private readonly state: Float64Array;
  private started = 0;

  constructor(
    readonly bands: number,
    framePeriodSeconds: number,
    lowerCutoffHz = 1,
    upperCutoffHz = 29,
  ) {
    this.a = 1 - Math.sin(2 * Math.PI * lowerCutoffHz * framePeriodSeconds);
    const om = Math.cos(2 * Math.PI * upperCutoffHz * framePeriodSeconds);
    const norm = Math.sqrt(10 * (32 * om * om + 8));
    const b0 = 2 / norm;
    const b1 = (-4 * om) / norm;
    this.b = Float64Array.of(b0, b1, 0, -b1, -b0);
    this.state = new Float64Array(bands * 4);
  }

  /** Filters one frame in place: `values[m]` is the current input of band m, replaced by its output. */
  process(values: Float64Array): void {
    const { b, a, state } = this;
    const feedback = this.started >= 5 ? a : 0;
    const output = this.started >= 5;
    for (let m = 0; m < this.bands; m++) {
      const x = values[m];
      const s = m * 4;
      const y = b[0] * x + state[s];
      state[s] = b[1] * x + state[s + 1] + feedback * y;
      state[s + 1] = b[2] * x + state[s + 2];
      state[s + 2] = b[3] * x + state[s + 3];
      state[s + 3] = b[4] * x;
      values[m] = output ? y : 0;
    }
    if (this.started < 5) this.started++;
  }
}
