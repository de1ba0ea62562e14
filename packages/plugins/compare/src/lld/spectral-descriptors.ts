import { dsp } from '@emotrans/core';
import { SPECTRAL_SUMS, SpectralSumsKernel } from './spectral-sums-kernel';

/** Number of values SpectralDescriptors.compute writes. */
export const SPECTRAL_DESCRIPTOR_COUNT = 15;

/** openSMILE's floor for values and their sum in the spectral entropy (smileStat_entropy). */
export const ENTROPY_FLOOR = 1e-7;

const ROLL_OFFS = [0.25, 0.5, 0.75, 0.9] as const;
const BANDS: readonly (readonly [number, number])[] = [
  [250, 650],
  [1000, 4000],
];

/** Zwicker's sharpness weighting g(z): 1 up to 16 Bark, then ((z - 16) / 4)^log2(3) + 1 (openSMILE's form). */
export function sharpnessWeight(bark: number): number {
  return bark <= 16 ? 1 : Math.pow((bark - 16) / 4, Math.log2(3)) + 1;
}

/**
 * The spectral descriptors of openSMILE's cSpectral as configured in ComParE 2013, from one frame's FFT
 * magnitude and power spectra (bins 0 .. fftSize/2; DC is left out as openSMILE does, bins 1 .. fftSize/2
 * are used). Output order: band energies 250-650 Hz and 1-4 kHz (power summed with fractional edge bins,
 * divided by the number of bins), roll-off 25/50/75/90 % (Hz), flux (RMS difference of magnitudes to the
 * previous frame; 0 for the first), centroid (Hz, power-weighted), entropy (bits, of the power spectrum
 * normalised by its sum, values and sum floored at 1e-7), variance / skewness / kurtosis (power-weighted moments about the centroid), slope (regression
 * of power on frequency, with openSMILE's default legacy scaling x (bins - 1)), psychoacoustic sharpness
 * (0.11 x the Zwicker-weighted Bark centroid) and harmonicity (mean local min-to-max swing, / bins).
 * Frequencies of bin j are j * sampleRate / fftSize. Silence gives finite values (0 or the lowest bin).
 * The bin sums but the entropy's run in a WebAssembly kernel where there is one (spectral-sums-kernel.ts).
 */
export class SpectralDescriptors {
  private readonly binHz: number;
  private readonly bins: number;
  private readonly lower = 1;
  private readonly upper: number;
  private readonly count: number;
  private readonly freq: Float64Array;
  private readonly sharpnessWeights: Float64Array;
  private readonly previousMagnitude: Float64Array;
  private hasPrevious = false;
  private readonly kernel: SpectralSumsKernel | null;
  private readonly scalarValues = new Float64Array(SPECTRAL_SUMS.length);
  private readonly slopeSf: number;
  private readonly slopeS2f: number;

  constructor(fftSize: number, sampleRate: number, useWasm = true) {
    this.bins = fftSize / 2 + 1;
    this.binHz = sampleRate / fftSize;
    this.upper = this.bins - 1;
    this.count = this.upper - this.lower + 1;
    this.freq = Float64Array.from({ length: this.bins }, (_, j) => j * this.binHz);
    this.sharpnessWeights = Float64Array.from(this.freq, (f) => {
      const z = dsp.hzToBark(f);
      return z * sharpnessWeight(z);
    });
    this.previousMagnitude = new Float64Array(this.bins);
    let sf = 0;
    let s2f = 0;
    for (let j = this.lower; j <= this.upper; j++) {
      sf += this.freq[j];
      s2f += this.freq[j] * this.freq[j];
    }
    this.slopeSf = sf;
    this.slopeS2f = s2f;
    this.kernel = useWasm ? SpectralSumsKernel.create(`${fftSize}:${sampleRate}`, this.freq, this.sharpnessWeights) : null;
  }

  /** Whether the WebAssembly kernel adds up the bins (else the JavaScript loops). */
  get wasm(): boolean {
    return this.kernel !== null;
  }

  /** Starts a new signal (flux compares with the previous frame of the same signal only). */
  reset(): void {
    this.hasPrevious = false;
  }

  compute(magnitude: ArrayLike<number>, power: ArrayLike<number>, out: Float64Array | Float32Array, offset = 0): void {
    const { lower, upper, count, freq, binHz } = this;
    let n = offset;
    const sums = this.binSums(magnitude, power);
    const frameSum = sums[0];
    const sumA = sums[1];
    const weighted = sums[2];
    const flux = this.hasPrevious ? Math.sqrt(sums[3] / count) : 0;
    this.hasPrevious = true;
    const centroid = sums[4];
    const m2 = sums[5];
    const m3 = sums[6];
    const m4 = sums[7];
    const swing = sums[8];

    for (let b = 0; b < BANDS.length; b++) {
      const idxL = BANDS[b][0] / binHz;
      let wL = Math.ceil(idxL) - idxL;
      if (wL === 0) wL = 1;
      const idxR = BANDS[b][1] / binHz;
      let wR = idxR - Math.floor(idxR);
      if (wR === 0) wR = 1;
      let iL = Math.floor(idxL);
      let iR = Math.floor(idxR);
      if (iL >= this.bins) {
        iL = iR = this.bins - 1;
        wL = wR = 0;
      }
      if (iR >= this.bins) {
        iR = this.bins - 1;
        wR = 1;
      }
      let sum = power[iL] * wL;
      for (let j = iL + 1; j < iR; j++) sum += power[j];
      sum += power[iR] * wR;
      out[n++] = sum / count;
    }

    // roll-off points: lowest frequency below which the given share of the power lies
    const rollOffStart = n;
    for (let r = 0; r < ROLL_OFFS.length; r++) out[n++] = 0;
    let cumulative = 0;
    let found = 0;
    for (let j = lower; j <= upper && found < ROLL_OFFS.length; j++) {
      cumulative += power[j];
      for (let r = found; r < ROLL_OFFS.length; r++) {
        if (cumulative >= ROLL_OFFS[r] * frameSum) {
          out[rollOffStart + r] = freq[j];
          found = r + 1;
        } else break;
      }
    }

    out[n++] = flux;
    out[n++] = centroid;

    // Entropy of the power spectrum normalised by its sum, bits, with openSMILE's floors: every bin power
    // is raised to at least ENTROPY_FLOOR and the sum to at least ENTROPY_FLOOR (the raised bins are not
    // added to the sum), so near-silent frames get large values rather than 0.
    let entropy = 0;
    const total = Math.max(frameSum, ENTROPY_FLOOR);
    for (let j = lower; j <= upper; j++) {
      const p = Math.max(power[j], ENTROPY_FLOOR) / total;
      entropy -= p * Math.log2(p);
    }
    out[n++] = entropy;

    // moments about the centroid
    const sumB = frameSum;
    const variance = sumB > 0 ? m2 / sumB : 0;
    out[n++] = variance;
    out[n++] = variance > 0 ? m3 / (sumB * variance * Math.sqrt(variance)) : 0;
    out[n++] = variance > 0 ? m4 / (sumB * variance * variance) : 0;

    // slope: least-squares regression of power on frequency, legacy-scaled by (bins - 1) like openSMILE
    const denominator = count * this.slopeS2f - this.slopeSf * this.slopeSf;
    const slope = denominator !== 0 ? (count * sumA - this.slopeSf * sumB) / denominator : 0;
    out[n++] = slope * (count - 1);

    // psychoacoustic sharpness
    out[n++] = frameSum > 0 ? (0.11 * weighted) / frameSum : 0;

    // harmonicity: swings between consecutive local extrema (each counted once), over the bins
    out[n++] = swing / 2 / count;
  }

  /**
   * SPECTRAL_SUMS of one frame (over bins lower .. upper, each sum in bin order), the flux's reference then
   * replaced by this frame's magnitudes: by the WebAssembly kernel where there is one.
   */
  private binSums(magnitude: ArrayLike<number>, power: ArrayLike<number>): Float64Array {
    const kernel = this.kernel;
    if (!kernel) return this.scalarSums(magnitude, power);
    copyInto(kernel.power, power);
    copyInto(kernel.magnitude, magnitude);
    kernel.run();
    return kernel.sums;
  }

  private scalarSums(magnitude: ArrayLike<number>, power: ArrayLike<number>): Float64Array {
    const { lower, upper, freq, sharpnessWeights } = this;
    // one pass for power, frequency- and sharpness-weighted power and the flux's squared differences
    let frameSum = 0;
    let sumA = 0;
    let weighted = 0;
    let d2 = 0;
    const previous = this.previousMagnitude;
    for (let j = lower; j <= upper; j++) {
      const p = power[j];
      frameSum += p;
      sumA += freq[j] * p;
      weighted += sharpnessWeights[j] * p;
      const d = magnitude[j] - previous[j];
      d2 += d * d;
      previous[j] = magnitude[j];
    }
    const centroid = frameSum > 0 ? sumA / frameSum : 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (let j = lower; j <= upper; j++) {
      const t = freq[j] - centroid;
      const m = t * t * power[j];
      m2 += m;
      m3 += m * t;
      m4 += m * t * t;
    }
    // harmonicity's swings: the five neighbouring values slide along in variables, and the comparisons are
    // combined without branches (& of 0/1), as the outcome of each is unpredictable
    let swing = 0;
    let lastPeak = 0;
    let havePeak = false;
    let p2 = power[lower];
    let p1 = power[lower + 1];
    let v = power[lower + 2];
    let n1 = power[lower + 3];
    for (let j = lower + 2; j < upper - 1; j++) {
      const n2 = power[j + 2];
      const isMax = (p2 < v ? 1 : 0) & (p1 < v ? 1 : 0) & (v > n1 ? 1 : 0) & (v > n2 ? 1 : 0);
      const isMin = (p2 > v ? 1 : 0) & (p1 > v ? 1 : 0) & (v < n1 ? 1 : 0) & (v < n2 ? 1 : 0);
      if ((isMax | isMin) !== 0) {
        if (havePeak) swing += Math.abs(v - lastPeak);
        lastPeak = v;
        havePeak = true;
      }
      p2 = p1;
      p1 = v;
      v = n1;
      n1 = n2;
    }
    const sums = this.scalarValues;
    sums[0] = frameSum;
    sums[1] = sumA;
    sums[2] = weighted;
    sums[3] = d2;
    sums[4] = centroid;
    sums[5] = m2;
    sums[6] = m3;
    sums[7] = m4;
    sums[8] = swing;
    return sums;
  }
}

/** into[0 .. into.length) = from[0 ..] (one native copy when from is a typed array of that length). */
function copyInto(into: Float64Array, from: ArrayLike<number>): void {
  if (from.length === into.length && ArrayBuffer.isView(from)) into.set(from as Float64Array);
  else for (let j = 0; j < into.length; j++) into[j] = from[j];
}
