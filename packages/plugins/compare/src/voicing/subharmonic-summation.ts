import type { OctaveSpectrum } from './octave-spectrum';

/**
 * Pitch candidates by subharmonic summation (Hermes 1988) on an octave-scale spectrum: the spectrum is
 * shifted down by log2(h) octaves for h = 1..nHarmonics and added with weights compression^(h-1); peaks of
 * the sum inside [minHz, maxHz] are candidates (parabolically interpolated), and a candidate's voicing is 1 - mean(sum) / score (0 when the score does not exceed the mean).
 * As in openSMILE, the best `count` peaks are taken from the whole sum and those outside the F0 range are
 * then dropped (so a frame can have fewer candidates).
 */
export class SubharmonicSummation {
  private readonly sum: Float64Array;
  private readonly shifts: Int32Array;
  private readonly gains: Float64Array;
  private readonly first: number;
  private readonly last: number;

  constructor(
    private readonly spectrum: OctaveSpectrum,
    nHarmonics: number,
    compression: number,
    minHz: number,
    maxHz: number,
    readonly count: number,
  ) {
    this.sum = new Float64Array(spectrum.size);
    this.shifts = new Int32Array(nHarmonics);
    this.gains = new Float64Array(nHarmonics);
    for (let h = 1; h <= nHarmonics; h++) {
      this.shifts[h - 1] = Math.floor(spectrum.pointsPerOctave * Math.log2(h));
      this.gains[h - 1] = Math.pow(compression, h - 1) / nHarmonics;
    }
    this.first = Math.max(1, Math.ceil((Math.log2(minHz) - spectrum.log2Start) / spectrum.log2Step));
    this.last = Math.min(spectrum.size - 2, Math.floor((Math.log2(maxHz) - spectrum.log2Start) / spectrum.log2Step));
  }

  /**
   * Writes up to `count` candidates of one frame (F0 in Hz and voicing) best first into f0/voicing at
   * `offset`; unused slots get 0. Returns the number of candidates found.
   */
  candidates(octave: Float64Array, f0: Float32Array, voicing: Float32Array, offset: number): number {
    const n = this.spectrum.size;
    const ss = this.sum;
    const shifts = this.shifts;
    const gains = this.gains;
    ss.fill(0);
    for (let h = 0; h < shifts.length; h++) {
      const shift = shifts[h];
      const gain = gains[h];
      const last = n - shift;
      for (let j = 0; j < last; j++) ss[j] += octave[j + shift] * gain;
    }
    let mean = 0;
    for (let j = 0; j < n; j++) mean += ss[j];
    mean /= n;

    const count = this.count;
    for (let c = 0; c < count; c++) {
      f0[offset + c] = 0;
      voicing[offset + c] = 0;
    }
    // The `count` highest peaks of the whole sum, sorted by score (f0 slots hold the peak index for now) ...
    let found = 0;
    for (let i = 1; i < n - 1; i++) {
      const s = ss[i];
      if (!(ss[i - 1] < s && s > ss[i + 1])) continue;
      let slot = found < count ? found : count;
      while (slot > 0 && voicing[offset + slot - 1] < s) slot--;
      if (slot >= count) continue;
      for (let c = Math.min(found, count - 1); c > slot; c--) {
        voicing[offset + c] = voicing[offset + c - 1];
        f0[offset + c] = f0[offset + c - 1];
      }
      voicing[offset + slot] = s;
      f0[offset + slot] = i;
      if (found < count) found++;
    }
    // ... of which those inside the F0 range stay, in order.
    let kept = 0;
    for (let c = 0; c < found; c++) {
      const i = f0[offset + c];
      if (i < this.first || i > this.last) continue;
      f0[offset + kept] = i;
      voicing[offset + kept] = voicing[offset + c];
      kept++;
    }
    for (let c = kept; c < count; c++) {
      f0[offset + c] = 0;
      voicing[offset + c] = 0;
    }
    found = kept;
    const spectrum = this.spectrum;
    for (let c = 0; c < found; c++) {
      const i = f0[offset + c];
      const a = ss[i - 1];
      const b = ss[i];
      const d = ss[i + 1];
      const denominator = a - 2 * b + d;
      const delta = denominator < 0 ? (0.5 * (a - d)) / denominator : 0;
      const peak = b - 0.25 * (a - d) * delta;
      f0[offset + c] = Math.pow(2, spectrum.log2At(i + delta));
      voicing[offset + c] = peak > 0 && peak > mean ? 1 - mean / peak : 0;
    }
    return found;
  }
}
