/**
 * MFCCs as openSMILE's cMelspec + cMfcc with htkcompatible=1: mel band powers on HTK's 16-bit sample scale
 * (x 32767^2), natural log with a floor of 1, DCT-II c_i = sqrt(2/M) sum_m log(P_m) cos(pi i (m + 0.5) / M),
 * and sinusoidal liftering 1 + L/2 sin(pi i / L) with L = 22.
 */
export class MfccTransform {
  private readonly table: Float64Array;
  private readonly count: number;

  constructor(
    private readonly bands: number,
    readonly first: number,
    readonly last: number,
    lifter = 22,
  ) {
    this.count = last - first + 1;
    this.table = new Float64Array(this.count * bands);
    const factor = Math.sqrt(2 / bands);
    for (let c = 0; c < this.count; c++) {
      const i = first + c;
      const lift = lifter > 0 ? 1 + (lifter / 2) * Math.sin((Math.PI * i) / lifter) : 1;
      for (let m = 0; m < bands; m++) this.table[c * bands + m] = factor * lift * Math.cos((Math.PI * i * (m + 0.5)) / bands);
    }
  }

  /** `melPower` on the [-1, 1] sample scale; `logWork` is scratch of length bands. */
  compute(melPower: ArrayLike<number>, logWork: Float64Array, out: Float64Array): void {
    const scale = 32767 * 32767;
    for (let m = 0; m < this.bands; m++) logWork[m] = Math.log(Math.max(melPower[m] * scale, 1));
    for (let c = 0; c < this.count; c++) {
      let sum = 0;
      const row = c * this.bands;
      for (let m = 0; m < this.bands; m++) sum += this.table[row + m] * logWork[m];
      out[c] = sum;
    }
  }
}
