import FFT from 'fft.js';
import { parabolaVertex } from '../compare-building-blocks';

/** Harmonic descriptors of one 60 ms frame. */
export interface HarmonicValues {
  /** HNR from the autocorrelation (dB, -90..110; 0 when unvoiced). */
  hnrAcf: number;
  /** logRelF0-H1-H2 and logRelF0-H1-A3 (dB; 0 when unvoiced). */
  h1h2: number;
  h1a3: number;
  /** Amplitude of the strongest harmonic near formant 1..3 relative to the F0 harmonic (dB; -201 when unvoiced). */
  readonly formantAmplitudes: Float64Array;
}

/** Harmonics searched (GeMAPS nHarmonics 100) and the floors openSMILE uses. */
const HARMONICS = 100;
const LOG_FLOOR = -200;
const MISSING = -201;
const FORMANT_AMPLITUDES = 3;

/**
 * openSMILE's cHarmonics as GeMAPS configures it, on the magnitude spectrum of the Gaussian-windowed 60 ms frame
 * (bin k at k rate / N Hz), with F0 (Hz) and the formant frequencies of the frame:
 * - HNR: ACF = |inverse real FFT of the power spectrum| / bins; lag T = floor(rate / F0), moved to the nearest
 *   strict local ACF maximum (searching outwards, left first); HNR = 10 log10(acf[T] / (acf[0] - acf[T])),
 *   the ratio clipped to [1e-9, 1e11].
 * - Harmonic h (1 = F0) is the spectral peak at the bin nearest h F0, else the nearest strict peak between the
 *   bins nearest (h - 1/2) F0 and (h + 1/2) F0 (right side first); it counts when its bin is at least the bin
 *   nearest F0 / 2 and below the last bin. Its level is the parabolically interpolated peak magnitude relative
 *   to the raw magnitude of harmonic 1, 20 log10, floored at -200 dB (harmonic 1: 0 dB); a harmonic on the same
 *   bin as the one below is dropped (-201).
 * - H1-H2 and H1-A3 follow openSMILE's harmonic indexing, which counts from 0 = F0: "H1" is the 2nd harmonic
 *   and "H2" the 3rd; "A3" is the harmonic with the largest raw magnitude whose interpolated frequency lies in
 *   [0.8, 1.2] x F3 (none: level -201, and the difference becomes level(H1) - 201, clipped to +/-201).
 * - Formant amplitude i = level of the strongest harmonic in [0.8, 1.2] x F_i (0 when none).
 */
export class HarmonicsAnalyser {
  private readonly fft: FFT;
  private readonly fftInput: Float64Array;
  private readonly fftOutput: Float64Array;
  private readonly acf: Float64Array;
  private readonly binHz: number;
  private readonly bin = new Int32Array(HARMONICS);
  private readonly freqInterpolated = new Float64Array(HARMONICS);
  private readonly magnitude = new Float64Array(HARMONICS);
  private readonly magnitudeInterpolated = new Float64Array(HARMONICS);
  private readonly level = new Float64Array(HARMONICS);
  /** parabolaVertex's output: refined frequency, magnitude. */
  private readonly vertex = new Float64Array(2);

  constructor(
    private readonly bins: number,
    private readonly sampleRate: number,
  ) {
    const n = (bins - 1) * 2;
    this.fft = new FFT(n);
    this.fftInput = new Float64Array(n);
    this.fftOutput = new Float64Array(2 * n);
    this.acf = new Float64Array(bins);
    this.binHz = sampleRate / n;
  }

  /**
   * The bin whose frequency is nearest `hz`, searching from `startBin` (0 when `hz` is beyond the last bin):
   * openSMILE scans upwards for the first bin above `hz`; that bin is found directly here (k binHz grows with k,
   * so the first k >= start with k binHz > hz is floor(hz / binHz) + 1, corrected for rounding).
   */
  private nearestBin(hz: number, startBin: number): number {
    if (Number.isNaN(hz)) return 0;
    const start = Math.max(startBin, 1);
    const binHz = this.binHz;
    let k = Math.max(start, Math.floor(hz / binHz) + 1);
    while (k > start && (k - 1) * binHz > hz) k--;
    while (k < this.bins && !(k * binHz > hz)) k++;
    if (k >= this.bins) return 0;
    const f = k * binHz;
    return f - hz > hz - (k - 1) * binHz ? k - 1 : k;
  }

  analyse(spectrum: Float32Array, f0: number, formants: ArrayLike<number>, out: HarmonicValues): void {
    out.hnrAcf = this.acfHnr(spectrum, f0);
    if (!(f0 > 0)) {
      out.h1h2 = 0;
      out.h1a3 = 0;
      out.formantAmplitudes.fill(MISSING);
      return;
    }
    this.findHarmonics(spectrum, f0);
    out.h1h2 = clip201(this.level[1] - this.level[2]);
    for (let i = 0; i < FORMANT_AMPLITUDES; i++) {
      const strongest = this.strongestNear(formants[i]);
      out.formantAmplitudes[i] = strongest >= 0 ? this.level[strongest] : 0;
      if (i === 2) out.h1a3 = strongest >= 0 ? clip201(this.level[1] - this.level[strongest]) : clip201(this.level[1] - 201);
    }
  }

  /** The found harmonic with the largest raw magnitude whose interpolated frequency is in [0.8, 1.2] x hz (-1: none). */
  private strongestNear(hz: number): number {
    let best = -1;
    let bestMagnitude = 0;
    const low = Math.fround(0.8 * Math.fround(hz));
    const high = Math.fround(1.2 * Math.fround(hz));
    for (let h = 0; h < HARMONICS; h++) {
      const f = this.freqInterpolated[h];
      if (f >= low && f <= high && this.magnitude[h] > bestMagnitude) {
        best = h;
        bestMagnitude = this.magnitude[h];
      }
    }
    return best;
  }

  private acfHnr(spectrum: Float32Array, f0: number): number {
    const n = this.fftInput.length;
    // the power spectrum as a real, even spectrum; its inverse transform is the autocorrelation
    const input = this.fftInput;
    for (let k = 0; k < this.bins; k++) input[k] = spectrum[k] * spectrum[k];
    for (let k = 1; k < this.bins - 1; k++) input[n - k] = input[k];
    this.fft.realTransform(this.fftOutput, input);
    const acf = this.acf;
    // forward transform of an even sequence = the cosine sum; Ooura's inverse halves DC and Nyquist terms
    for (let i = 0; i < this.bins; i++) acf[i] = Math.abs(this.fftOutput[2 * i] / 2) / this.bins;
    const lag = f0 > 0 ? Math.floor(this.sampleRate / f0) : 0;
    if (lag <= 0) return 0;
    const peak = closestPeak(acf, this.bins, lag);
    if (peak <= 0) return 0;
    const noise = acf[0] - acf[peak];
    let ratio = noise === 0 ? 1e11 : acf[peak] / noise;
    if (ratio > 1e11) ratio = 1e11;
    else if (ratio < 1e-9) ratio = 1e-9;
    return 10 * Math.log10(ratio);
  }

  private findHarmonics(spectrum: Float32Array, f0: number): void {
    const bins = this.bins;
    let lastBin = this.nearestBin(0.5 * f0, 1);
    const firstBin = this.nearestBin(0.5 * f0, lastBin);
    for (let h = 0; h < HARMONICS; h++) {
      const candidate = this.nearestBin((h + 1) * f0, lastBin);
      let peak = -1;
      if (isPeak(spectrum, bins, candidate)) peak = candidate;
      else {
        let left = candidate - 1;
        let right = candidate + 1;
        const lower = this.nearestBin((h + 0.5) * f0, lastBin);
        const upper = this.nearestBin((h + 1.5) * f0, candidate);
        while ((left >= lower || right <= upper) && peak === -1) {
          if (right <= upper) {
            if (isPeak(spectrum, bins, right)) {
              peak = right;
              break;
            }
            right++;
          }
          if (left >= lower) {
            if (isPeak(spectrum, bins, left)) {
              peak = left;
              break;
            }
            left--;
          }
        }
      }
      if (peak >= firstBin && peak < bins - 1) {
        this.bin[h] = peak;
        this.magnitude[h] = spectrum[peak];
        parabolaVertex((peak - 1) * this.binHz, spectrum[peak - 1], peak * this.binHz, spectrum[peak], (peak + 1) * this.binHz, spectrum[peak + 1], this.vertex);
        this.freqInterpolated[h] = Math.fround(this.vertex[0]);
        this.magnitudeInterpolated[h] = Math.fround(this.vertex[1]);
      } else {
        this.bin[h] = candidate;
        this.magnitude[h] = 0;
        this.freqInterpolated[h] = 0;
        this.magnitudeInterpolated[h] = 0;
      }
      lastBin = candidate;
    }
    // levels relative to the F0 harmonic's raw magnitude; duplicates (same bin as the harmonic below) dropped
    const reference = this.magnitude[0];
    const logReference = reference > 0 ? Math.log10(reference) : 0;
    this.level[0] = 0;
    for (let h = 1; h < HARMONICS; h++) {
      if (reference === 0) this.level[h] = MISSING;
      else if (this.magnitudeInterpolated[h] > 0) this.level[h] = Math.max(LOG_FLOOR, Math.fround(20 * (Math.log10(this.magnitudeInterpolated[h]) - logReference)));
      else this.level[h] = LOG_FLOOR;
      if (this.bin[h] === this.bin[h - 1]) {
        this.bin[h] = 0;
        this.freqInterpolated[h] = 0;
        this.magnitude[h] = 0;
        this.magnitudeInterpolated[h] = 0;
        this.level[h] = MISSING;
      }
    }
  }
}

function clip201(v: number): number {
  return Math.max(-201, Math.min(201, v));
}

/** A strict local maximum (the ends: larger than their one neighbour). */
function isPeak(x: ArrayLike<number>, n: number, i: number): boolean {
  if (i >= n || i < 0) return false;
  if (i + 1 < n) {
    if (i > 0) return x[i] > x[i - 1] && x[i] > x[i + 1];
    return x[0] > x[1];
  }
  return i > 0 && x[i] > x[i - 1];
}

/** The strict local maximum nearest `i` (left first at equal distance); an end when there is none. */
function closestPeak(x: Float64Array, n: number, i: number): number {
  if (isPeak(x, n, i)) return i;
  for (let o = 1; i - o > 0 || i + o < n - 1; o++) {
    if (i - o > 0 && isPeak(x, n, i - o)) return i - o;
    if (i + o < n - 1 && isPeak(x, n, i + o)) return i + o;
  }
  if (x[0] > x[i] && x[n - 1] <= x[i]) return 0;
  if (x[0] <= x[i] && x[n - 1] > x[i]) return n - 1;
  if (x[0] > x[i] && x[n - 1] > x[i]) return i < n / 2 ? 0 : n - 1;
  return i;
}
