import { polynomialRoots } from './polynomial-roots';
import { createFloatDftKernel, type FloatDftRun } from './float-dft-kernel';
import { SinglePrecisionRealFft } from './single-precision-fft';

/**
 * How formants are computed: 'opensmile' reproduces SMILExtract 3.0 (GeMAPS v01b / eGeMAPS v02), whose
 * cFormantLpc solves the LPC polynomial with its coefficients negated and whose resampled frame starts with the
 * FFT's zero padding, so frequencies are biased and bandwidths inflated (on a synthetic /a/ with formants at
 * 700 / 1220 / 2600 Hz it reports about 745 / 1290 / 2535 Hz with 600-3000 Hz bandwidths); 'corrected' takes the
 * roots of A(z) itself on the whole frame (about 713 / 1227 / 2584 Hz, 70-140 Hz bandwidths there).
 */
export type FormantMethod = 'opensmile' | 'corrected';
export const FORMANT_METHODS: readonly FormantMethod[] = ['opensmile', 'corrected'];

/** GeMAPS formant settings (cSpecResample targetFs 11000, cLpc p 11 acf, cFormantLpc 50-5450 Hz, 5 formants). */
export const GEMAPS_FORMANTS = { targetRate: 11000, order: 11, minHz: 50, maxHz: 5450, count: 5 } as const;

/**
 * Formant frequencies and bandwidths from the 20 ms Hamming-windowed frame as openSMILE's GeMAPS chain
 * computes them:
 * 1. cSpecResample: the spectrum X of the frame centred in an N-point zero-padded buffer (N the next power of
 *    two; cTransformFFT pads symmetrically) is inverse-transformed onto M = round(frameLength * 11000 / rate)
 *    points, y[i] = (2/N) (X_0 + sum_{k=1}^{K} Re(X_k e^{+2 pi i k i / d})), d = N M / frameLength, K = M/2 - 1
 *    (its anti-aliasing keeps only bins below M / 2). So y starts at the buffer start: the zero padding comes
 *    first and the end of the frame is cut off (at 16 kHz y covers samples 0..222 of the 320-sample frame).
 *    The FFT (SinglePrecisionRealFft) and this inverse DFT run in single precision in openSMILE's operation
 *    order, bit-identical to SMILExtract: the polynomial below is so ill-conditioned that a 1-ulp change of the
 *    spectrum moves a root by kHz on a few frames per file.
 * 2. cLpc: autocorrelation (Levinson-Durbin) LPC of order 11 of those points, A(z) = 1 + sum a_k z^-k.
 * 3. cFormantLpc: roots of the polynomial z^p - sum a_k z^(p-k) (openSMILE passes the coefficients negated),
 *    reflected into the unit circle; each root with Im >= 0 whose angle gives 50..5450 Hz (at 11000 Hz) is a
 *    formant, bandwidth -ln|z| / (pi T); the first 5 found, sorted by frequency; missing ones are 0.
 */
export class FormantAnalyser {
  readonly outLength: number;
  private readonly fft: SinglePrecisionRealFft;
  private readonly padded: Float32Array;
  private readonly pad: number;
  /** Spectrum bins summed by the inverse DFT: 1 .. bins (cSpecResample's kMax / 2 - 1). */
  private readonly bins: number;
  /** Whether the inverse DFT adds the Nyquist bin (only when it outputs at least as many points as the FFT has). */
  private readonly nyquist: boolean;
  /**
   * cos / sin of 2 pi k i / d for output point i and bin k = 1..bins, rounded to float, bin-major
   * (k - 1) * lanes + i, lanes = outLength rounded up to 4 (zero padded): the inverse DFT walks the bins in
   * openSMILE's order and updates all outputs per bin (independent sums, four per SIMD lane group).
   */
  private readonly cosTable: Float32Array;
  private readonly sinTable: Float32Array;
  private readonly nyquistTable: Float32Array;
  private readonly lanes: number;
  private readonly resampled: Float64Array;
  private readonly sums: Float32Array;
  /** The WebAssembly SIMD kernel over the memory padded / tables / sums live in; null: the scalar loop. */
  private readonly kernel: FloatDftRun | null;
  private readonly acf: Float64Array;
  private readonly lpc: Float64Array;
  private readonly poly: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly freq: Float64Array;
  private readonly band: Float64Array;

  constructor(
    private readonly frameLength: number,
    private readonly fftSize: number,
    sampleRate: number,
    private readonly method: FormantMethod = 'opensmile',
    simd = true,
  ) {
    const p = GEMAPS_FORMANTS;
    const out = Math.round((frameLength * p.targetRate) / sampleRate);
    this.outLength = out;
    // cSpecResample's denominator for a zero-padded input: the output length scaled by fftSize / frameLength
    const denominator = (fftSize * out) / frameLength;
    let kMax = Math.min(fftSize, out);
    if (kMax & 1) kMax--;
    this.bins = kMax / 2 - 1;
    this.nyquist = out >= fftSize;
    // cTransformFFT centres the frame in the zero-padded FFT buffer (zeroPadSymmetric, openSMILE >= 2.3)
    this.pad = method === 'opensmile' ? Math.floor((fftSize - frameLength) / 2) : 0;
    this.fft = new SinglePrecisionRealFft(fftSize);
    // one block of memory: spectrum (fftSize floats), cos and sin tables (lanes x bins each), sums (lanes)
    const lanes = Math.ceil(out / 4) * 4;
    this.lanes = lanes;
    const table = lanes * this.bins;
    const floats = fftSize + 2 * table + lanes;
    const kernel = simd ? createFloatDftKernel(floats * 4) : null;
    const buffer = kernel ? kernel.memory.buffer : new ArrayBuffer(floats * 4);
    this.kernel = kernel ? kernel.run : null;
    this.padded = new Float32Array(buffer, 0, fftSize);
    this.cosTable = new Float32Array(buffer, fftSize * 4, table);
    this.sinTable = new Float32Array(buffer, (fftSize + table) * 4, table);
    this.sums = new Float32Array(buffer, (fftSize + 2 * table) * 4, lanes);
    this.nyquistTable = new Float32Array(out);
    for (let i = 0; i < out; i++) {
      // angles as openSMILE forms them: 2 pi (k i) / d in double, the table in float
      for (let k = 1; k <= this.bins; k++) {
        const angle = (2 * Math.PI * (k * i)) / denominator;
        this.cosTable[(k - 1) * lanes + i] = Math.cos(angle);
        this.sinTable[(k - 1) * lanes + i] = Math.sin(angle);
      }
      this.nyquistTable[i] = Math.cos((2 * Math.PI * ((fftSize / 2) * i)) / denominator);
    }
    this.resampled = new Float64Array(out);
    this.acf = new Float64Array(p.order + 1);
    this.lpc = new Float64Array(p.order);
    this.poly = new Float64Array(p.order + 1);
    this.re = new Float64Array(p.order);
    this.im = new Float64Array(p.order);
    this.freq = new Float64Array(p.count);
    this.band = new Float64Array(p.count);
  }

  /**
   * cSpecResample's inverse DFT of the frame's spectrum onto outLength points (see the class comment), in single
   * precision and summation order as SMILExtract (DC, [Nyquist], then Re/Im of every bin): the LPC polynomial's
   * roots react to the last bit of these points.
   */
  private resample(windowed: Float64Array): Float64Array {
    const f = Math.fround;
    this.padded.fill(0);
    for (let j = 0; j < this.frameLength; j++) this.padded[this.pad + j] = windowed[j];
    this.fft.transform(this.padded);
    const X = this.padded;
    const y = this.resampled;
    const out = y.length;
    // float sums (stores round): sums[i] = DC [+ Nyquist], then + re * cos, + im * sin for each bin in turn
    const sums = this.sums;
    for (let i = 0; i < out; i++) sums[i] = this.nyquist ? X[0] + f(X[1] * this.nyquistTable[i]) : X[0];
    const lanes = this.lanes;
    if (this.kernel) {
      const bytes = (a: Float32Array) => a.byteOffset;
      this.kernel(bytes(X), bytes(this.cosTable), bytes(this.sinTable), bytes(sums), lanes, this.bins);
    } else {
      const cos = this.cosTable;
      const sin = this.sinTable;
      for (let k = 1; k <= this.bins; k++) {
        const re = X[2 * k];
        const im = X[2 * k + 1];
        const row = (k - 1) * lanes;
        for (let i = 0; i < out; i++) sums[i] = f(sums[i] + f(re * cos[row + i])) + f(im * sin[row + i]);
      }
    }
    const scale = f(this.fftSize / 2);
    for (let i = 0; i < out; i++) y[i] = f(sums[i] / scale);
    return y;
  }

  /**
   * `windowed`: the Hamming-windowed frame (frameLength samples; as cWindower: float samples times the window
   * rounded to float, product rounded to float). Writes 5 frequencies and 5 bandwidths (Hz).
   */
  analyse(windowed: Float64Array, frequencies: Float64Array, bandwidths: Float64Array): void {
    const p = GEMAPS_FORMANTS;
    const y = this.resample(windowed);
    frequencies.fill(0, 0, p.count);
    bandwidths.fill(0, 0, p.count);
    const a = this.lpc;
    if (!levinsonLpc(y, this.acf, a)) return;
    const order = p.order;
    const sign = this.method === 'opensmile' ? -1 : 1;
    for (let i = 0; i < order; i++) this.poly[i] = sign * a[order - i - 1];
    this.poly[order] = 1;
    polynomialRoots(this.poly, this.re, this.im);
    const T = 1 / p.targetRate;
    let found = 0;
    for (let r = 0; r < order && found < p.count; r++) {
      let zr = this.re[r];
      let zi = this.im[r];
      // |z| as smileMath_complexAbs: sqrt(re^2 + im^2)
      if (Math.sqrt(zr * zr + zi * zi) > 1) {
        // 1 / conj(z)
        const d = zr * zr + zi * zi;
        zr = zr / d;
        zi = zi / d;
      }
      if (zi < 0) continue;
      // smileDsp_lpcrootsToFormants' association: f = |arg z| / ((T pi) 2), bandwidth -ln|z| / (T pi)
      const f = Math.abs(Math.atan2(zi, zr)) / (T * Math.PI * 2);
      if (f >= p.minHz && f <= p.maxHz) {
        this.freq[found] = f;
        this.band[found] = -Math.log(Math.sqrt(zr * zr + zi * zi)) / (T * Math.PI);
        found++;
      }
    }
    // sorted by frequency (insertion sort of at most 5, no allocation per frame)
    for (let k = 0; k < found; k++) {
      const fk = this.freq[k];
      const bk = this.band[k];
      let j = k;
      for (; j > 0 && frequencies[j - 1] > fk; j--) {
        frequencies[j] = frequencies[j - 1];
        bandwidths[j] = bandwidths[j - 1];
      }
      frequencies[j] = fk;
      bandwidths[j] = bk;
    }
  }
}

/**
 * Autocorrelation LPC (Levinson-Durbin) of order a.length: A(z) = 1 + sum a_k z^-k, in single precision as
 * smileDsp_calcLpcAcf (the formant polynomial's roots are sensitive to the last bits of the coefficients). `acf` is scratch of length order + 1. False when the frame is silent.
 */
export function levinsonLpc(x: Float64Array, acf: Float64Array, a: Float64Array): boolean {
  const f = Math.fround;
  const p = a.length;
  for (let lag = 0; lag <= p; lag++) {
    let s = 0;
    for (let i = lag; i < x.length; i++) s = f(s + f(x[i] * x[i - lag]));
    acf[lag] = s;
  }
  a.fill(0);
  if (!(acf[0] !== 0)) return false;
  let e = acf[0];
  for (let m = 1; m <= p; m++) {
    let sum = acf[m];
    for (let i = 1; i < m; i++) sum = f(sum + f(a[i - 1] * acf[m - i]));
    const k = f(f(-1 / e) * sum);
    a[m - 1] = k;
    for (let i = 1; i <= m >> 1; i++) {
      const x1 = a[i - 1];
      a[i - 1] = f(a[i - 1] + f(k * a[m - i - 1]));
      if (i < m >> 1 || (m & 1) === 1) a[m - i - 1] = f(a[m - i - 1] + f(k * x1));
    }
    e = f(e * f(1 - f(k * k)));
    if (e === 0) break;
  }
  return true;
}
