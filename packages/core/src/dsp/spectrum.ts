import FFT from 'fft.js';

/** Smallest power of two >= n (openSMILE zero-pads frames to this length before the FFT). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * One reusable FFT plan for real frames of up to `fftSize` samples: windows a frame, zero-pads it at the
 * end to `fftSize`, and writes the magnitude |X_k| and/or power |X_k|^2 of bins k = 0 .. fftSize/2
 * (unnormalised, like openSMILE's cFFTmagphase). Allocates nothing per frame.
 */
export class SpectrumAnalyser {
  readonly fftSize: number;
  /** fftSize / 2 + 1 */
  readonly bins: number;
  private readonly fft: FFT;
  private readonly input: Float64Array;
  private readonly output: Float64Array;

  constructor(fftSize: number) {
    if (fftSize < 2 || nextPowerOfTwo(fftSize) !== fftSize) throw new Error(`SpectrumAnalyser: FFT size ${fftSize} is not a power of two >= 2`);
    this.fftSize = fftSize;
    this.bins = fftSize / 2 + 1;
    this.fft = new FFT(fftSize);
    this.input = new Float64Array(fftSize);
    this.output = new Float64Array(2 * fftSize);
  }

  /** Frequency of bin k in Hz. */
  binFrequency(k: number, sampleRate: number): number {
    return (k * sampleRate) / this.fftSize;
  }

  /**
   * `frame` (at most fftSize samples) times `window` (same length as frame, or null for none) -> spectrum.
   * Pass null for an output that is not needed.
   */
  analyse(frame: ArrayLike<number>, window: ArrayLike<number> | null, magnitude: Float32Array | Float64Array | null, power: Float32Array | Float64Array | null): void {
    const n = frame.length;
    if (n > this.fftSize) throw new Error(`SpectrumAnalyser: frame of ${n} samples exceeds FFT size ${this.fftSize}`);
    const input = this.input;
    if (window) for (let i = 0; i < n; i++) input[i] = frame[i] * window[i];
    else for (let i = 0; i < n; i++) input[i] = frame[i];
    for (let i = n; i < this.fftSize; i++) input[i] = 0;
    this.fft.realTransform(this.output, input);
    const out = this.output;
    const bins = this.bins;
    for (let k = 0; k < bins; k++) {
      const re = out[2 * k];
      const im = out[2 * k + 1];
      const p = re * re + im * im;
      if (power) power[k] = p;
      if (magnitude) magnitude[k] = Math.sqrt(p);
    }
  }
}
