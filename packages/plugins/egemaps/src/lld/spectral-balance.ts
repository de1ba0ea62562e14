/** openSMILE cSpectral's power floor when useLogSpectrum is on (specFloor 1e-7, squared). */
const POWER_FLOOR = 1e-14;
const LOG_POWER_FLOOR = 10 * Math.log10(POWER_FLOOR);

/** One slope band's bins and edge weights, as cSpectral maps the configured Hz range onto FFT bins. */
interface SlopeBand {
  readonly left: number;
  readonly right: number;
  readonly leftWeight: number;
  readonly rightWeight: number;
  /** idxR - idxL: openSMILE's N in the regression (one less than the number of bins used). */
  readonly n: number;
}

/**
 * The spectral balance LLDs of eGeMAPS, from the FFT magnitudes of a 20 ms Hamming frame (bin k at k rate / N),
 * as openSMILE's cSpectral computes them with squareInput, useLogSpectrum, freqRange 0-5000:
 * - alphaRatio (dB): power summed below 1 kHz vs 1-5 kHz, 10 log10(sum_1-5k / sum_0-1k);
 * - hammarbergIndex (dB): strongest power bin below 2 kHz vs 2-5 kHz, 10 log10(max_0-2k / max_2-5k);
 * - slope0-500, slope500-1500: least-squares slope of the dB power spectrum (floored at -140 dB) against
 *   frequency in Hz over the band's bins (edge bins weighted by how far they reach into the band; openSMILE's
 *   regression uses N = last index - first index, not the number of bins);
 * - spectralFlux: RMS difference of the magnitudes from the previous frame over the bins below 5 kHz (0 for
 *   the first frame).
 */
export class SpectralBalance {
  private readonly freq: Float64Array;
  private readonly bins: number;
  private readonly slopes: readonly SlopeBand[];
  private readonly fluxUpper: number;
  private readonly previous: Float64Array;
  private hasPrevious = false;
  private readonly logPower: Float64Array;

  constructor(fftSize: number, sampleRate: number) {
    this.bins = fftSize / 2 + 1;
    this.freq = Float64Array.from({ length: this.bins }, (_, k) => (k * sampleRate) / fftSize);
    this.slopes = [this.slopeBand(0, 500), this.slopeBand(500, 1500)];
    let upper = -1;
    for (let k = 0; k < this.bins; k++) if (5000 > this.freq[k]) upper = k;
    this.fluxUpper = upper < 0 || upper >= this.bins ? this.bins - 1 : upper;
    this.previous = new Float64Array(this.bins);
    this.logPower = new Float64Array(this.bins);
  }

  private slopeBand(lowHz: number, highHz: number): SlopeBand {
    const f = this.freq;
    const n = this.bins;
    let i = 0;
    while (i < n && !(f[i] > lowHz)) i++;
    let leftWeight = i < n && i > 0 ? (f[i] - lowHz) / (f[i] - f[i - 1]) : 1;
    const idxL = Math.min(Math.max(i - 1, 0), n);
    let j = 0;
    while (j < n && !(f[j] >= highHz)) j++;
    let rightWeight = j < n && j > 0 ? (highHz - f[j - 1]) / (f[j] - f[j - 1]) : 1;
    let idxR = j < n && f[j] === highHz ? j : j - 1;
    if (idxR >= n) idxR = n - 1;
    if (leftWeight === 0) leftWeight = 1;
    if (rightWeight === 0) rightWeight = 1;
    let left = Math.floor(idxL);
    let right = Math.floor(idxR);
    if (left >= n) {
      left = right = n - 1;
      leftWeight = rightWeight = 0;
    }
    if (right >= n) {
      right = n - 1;
      rightWeight = 1;
    }
    return { left: Math.max(0, left), right: Math.max(0, right), leftWeight, rightWeight, n: idxR - idxL };
  }

  /** Forgets the previous frame (a new signal starts). */
  reset(): void {
    this.hasPrevious = false;
  }

  /** Writes alphaRatio, hammarbergIndex, slope0-500, slope500-1500, spectralFlux into out[0..4]. */
  compute(magnitude: ArrayLike<number>, out: Float64Array): void {
    const f = this.freq;
    const L = this.logPower;
    let sumLow = 0;
    let sumHigh = 0;
    let maxLow = 0;
    let maxHigh = 0;
    for (let k = 0; k < this.bins; k++) {
      const power = Math.fround(magnitude[k] * magnitude[k]);
      L[k] = power <= POWER_FLOOR ? LOG_POWER_FLOOR : 10 * Math.log10(power);
      if (f[k] > 5000) continue;
      if (f[k] < 1000) sumLow = Math.fround(sumLow + power);
      else sumHigh = Math.fround(sumHigh + power);
      if (f[k] < 2000) maxLow = Math.max(maxLow, power);
      else maxHigh = Math.max(maxHigh, power);
    }
    out[0] = sumLow > 0 ? 10 * (Math.log10(sumHigh > POWER_FLOOR ? sumHigh : POWER_FLOOR) - Math.log10(sumLow)) : 0;
    out[1] = maxHigh > 0 ? 10 * (Math.log10(maxLow > POWER_FLOOR ? maxLow : POWER_FLOOR) - Math.log10(maxHigh)) : 0;
    for (let s = 0; s < 2; s++) out[2 + s] = this.slope(this.slopes[s]);
    // flux over bins 0 .. fluxUpper
    if (!this.hasPrevious) {
      out[4] = 0;
      this.hasPrevious = true;
    } else {
      let sum = 0;
      for (let k = 0; k <= this.fluxUpper; k++) {
        const d = magnitude[k] - this.previous[k];
        sum += d * d;
      }
      const flux = sum / (this.fluxUpper + 1);
      out[4] = flux > 0 ? Math.sqrt(flux) : 0;
    }
    for (let k = 0; k <= this.fluxUpper; k++) this.previous[k] = magnitude[k];
  }

  private slope(band: SlopeBand): number {
    const f = this.freq;
    const L = this.logPower;
    const { left, right, leftWeight: wl, rightWeight: wr, n } = band;
    let sf = f[left] * wl;
    let s2f = sf * sf;
    let sumA = f[left] * wl * L[left];
    let sumB = wl * L[left];
    for (let k = left + 1; k < right; k++) {
      s2f += f[k] * f[k];
      sf += f[k];
      sumA += f[k] * L[k];
      sumB += L[k];
    }
    s2f += f[right] * wr * f[right] * wr;
    sf += f[right] * wr;
    sumA += f[right] * wr * L[right];
    sumB += wr * L[right];
    const den = n * s2f - sf * sf;
    return den !== 0 ? (n * sumA - sf * sumB) / den : 0;
  }
}
