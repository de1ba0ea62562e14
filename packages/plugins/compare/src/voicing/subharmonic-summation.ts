import { HarmonicSumKernel } from './harmonic-sum-kernel';
import type { OctaveSpectrum } from './octave-spectrum';

/**
 * Pitch candidates by subharmonic summation (Hermes 1988) on an octave-scale spectrum: the spectrum is
 * shifted down by log2(h) octaves for h = 1..nHarmonics and added with weights compression^(h-1); peaks of
 * the sum inside [minHz, maxHz] are candidates (parabolically interpolated), and a candidate's voicing is 1 - mean(sum) / score (0 when the score does not exceed the mean).
 * As in openSMILE, the best `count` peaks are taken from the whole sum and those whose interpolated frequency
 * is outside the F0 range are then dropped (so a frame can have fewer candidates); the candidate with the
 * highest interpolated score comes first, the others stay in the order of their raw peak heights.
 * The sum runs in a WebAssembly SIMD kernel where the engine has one (harmonic-sum-kernel.ts, the same sums).
 */
export class SubharmonicSummation {
  private readonly sum: Float64Array;
  private readonly kernel: HarmonicSumKernel | null;
  private readonly peakList: Int32Array;
  private scalarTotal = 0;
  private readonly shifts: Int32Array;
  private readonly gains: Float64Array;
  private readonly scores: Float64Array;

  constructor(
    private readonly spectrum: OctaveSpectrum,
    nHarmonics: number,
    compression: number,
    private readonly minHz: number,
    private readonly maxHz: number,
    readonly count: number,
    useSimd = true,
  ) {
    this.scores = new Float64Array(count);
    this.shifts = new Int32Array(nHarmonics);
    this.gains = new Float64Array(nHarmonics);
    for (let h = 1; h <= nHarmonics; h++) {
      this.shifts[h - 1] = Math.floor(spectrum.pointsPerOctave * Math.log2(h));
      this.gains[h - 1] = Math.pow(compression, h - 1) / nHarmonics;
    }
    this.kernel = useSimd ? HarmonicSumKernel.create(spectrum.size, this.shifts, this.gains) : null;
    this.sum = this.kernel ? this.kernel.output : new Float64Array(spectrum.size);
    this.peakList = this.kernel ? this.kernel.peaks : new Int32Array(spectrum.size);
  }

  /** Whether the WebAssembly kernel sums (else the scalar loop). */
  get simd(): boolean {
    return this.kernel !== null;
  }

  /**
   * Writes up to `count` candidates of one frame (F0 in Hz and voicing) best first into f0/voicing at
   * `offset`; unused slots get 0. Returns the number of candidates found.
   */
  candidates(octave: Float64Array, f0: Float32Array, voicing: Float32Array, offset: number): number {
    const n = this.spectrum.size;
    const ss = this.sum;
    // the sum, its local peaks (ss[i - 1] < ss[i] > ss[i + 1], ascending) and the total of its points (added in
    // index order)
    const kernel = this.kernel;
    let peaks: Int32Array;
    let peakCount: number;
    let mean: number;
    if (kernel) {
      kernel.input.set(octave.length === n ? octave : octave.subarray(0, n));
      kernel.sum();
      peaks = kernel.peaks;
      peakCount = kernel.peakCount;
      mean = kernel.total;
    } else {
      this.scalarSum(octave);
      peaks = this.peakList;
      peakCount = this.scalarPeaks();
      mean = this.scalarTotal;
    }
    mean /= n;
    const count = this.count;
    for (let c = 0; c < count; c++) {
      f0[offset + c] = 0;
      voicing[offset + c] = 0;
    }
    // The `count` highest peaks of the whole sum, sorted by score (f0 slots hold the peak index for now) ...
    let found = 0;
    for (let p = 0; p < peakCount; p++) {
      const i = peaks[p];
      const s = ss[i];
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
    // Parabolic interpolation of each peak (log2 frequency and score); then, as openSMILE's cPitchBase does,
    // the candidates whose interpolated frequency lies outside [minHz, maxHz] are dropped (order kept) and the
    // one with the highest interpolated score moves to slot 0.
    const spectrum = this.spectrum;
    const scores = this.scores;
    let kept = 0;
    for (let c = 0; c < found; c++) {
      const i = f0[offset + c];
      const a = ss[i - 1];
      const b = ss[i];
      const d = ss[i + 1];
      const denominator = a - 2 * b + d;
      const delta = denominator < 0 ? (0.5 * (a - d)) / denominator : 0;
      const peak = b - 0.25 * (a - d) * delta;
      const hz = Math.pow(2, spectrum.log2At(i + delta));
      if (hz < this.minHz || hz > this.maxHz) continue;
      f0[offset + kept] = hz;
      voicing[offset + kept] = peak > 0 && peak > mean ? 1 - mean / peak : 0;
      scores[kept] = peak;
      kept++;
    }
    for (let c = kept; c < count; c++) {
      f0[offset + c] = 0;
      voicing[offset + c] = 0;
    }
    let best = 0;
    for (let c = 1; c < kept; c++) if (scores[c] > scores[best]) best = c;
    if (best > 0) {
      const f = f0[offset];
      const v = voicing[offset];
      f0[offset] = f0[offset + best];
      voicing[offset] = voicing[offset + best];
      f0[offset + best] = f;
      voicing[offset + best] = v;
    }
    return kept;
  }

  /** The sum's local peaks into peakList (returns their number) and its total into scalarTotal, as the kernel. */
  private scalarPeaks(): number {
    const n = this.spectrum.size;
    const ss = this.sum;
    let total = ss[0];
    let found = 0;
    for (let i = 1; i < n - 1; i++) {
      const s = ss[i];
      total += s;
      if (ss[i - 1] < s && s > ss[i + 1]) this.peakList[found++] = i;
    }
    if (n > 1) total += ss[n - 1];
    this.scalarTotal = total;
    return found;
  }

  /** The sum in JavaScript (engines without WebAssembly SIMD). */
  private scalarSum(octave: Float64Array): void {
    const n = this.spectrum.size;
    const ss = this.sum;
    const shifts = this.shifts;
    const gains = this.gains;
    ss.fill(0);
    // ss[j] = sum over h of octave[j + shift_h] gain_h, added in the order of h. Four harmonics per pass over
    // ss (each ss[j] still gets its terms in that order, so the same sums), a quarter of the loads and stores.
    const harmonics = shifts.length;
    let h = 0;
    for (; h + 3 < harmonics; h += 4) {
      const s0 = shifts[h];
      const s1 = shifts[h + 1];
      const s2 = shifts[h + 2];
      const s3 = shifts[h + 3];
      const g0 = gains[h];
      const g1 = gains[h + 1];
      const g2 = gains[h + 2];
      const g3 = gains[h + 3];
      // shifts grow with h, so the later harmonics reach fewer points: j < n - s3 gets all four terms.
      const end0 = n - s0;
      const end1 = Math.min(end0, n - s1);
      const end2 = Math.min(end1, n - s2);
      const end3 = Math.min(end2, n - s3);
      let j = 0;
      for (; j < end3; j++) ss[j] = ss[j] + octave[j + s0] * g0 + octave[j + s1] * g1 + octave[j + s2] * g2 + octave[j + s3] * g3;
      for (; j < end2; j++) ss[j] = ss[j] + octave[j + s0] * g0 + octave[j + s1] * g1 + octave[j + s2] * g2;
      for (; j < end1; j++) ss[j] = ss[j] + octave[j + s0] * g0 + octave[j + s1] * g1;
      for (; j < end0; j++) ss[j] += octave[j + s0] * g0;
    }
    for (; h < harmonics; h++) {
      const shift = shifts[h];
      const gain = gains[h];
      const last = n - shift;
      for (let j = 0; j < last; j++) ss[j] += octave[j + shift] * gain;
    }
  }
}
