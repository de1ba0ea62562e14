import { OctaveKernel } from './octave-kernel';

/**
 * The log2-frequency ("octave scale") magnitude spectrum that subharmonic summation works on, after
 * Hermes (1988) as configured in openSMILE's cSpecScale for ComParE: peak enhancement (points between two
 * local maxima and more than two bins from both are zeroed), Hanning smoothing, natural cubic spline interpolation onto an
 * equidistant log2 grid from `minHz` to Nyquist with as many points as linear bins, and an arctan auditory
 * sensitivity weighting. All work buffers are allocated once. Where the engine has WebAssembly, a kernel
 * (octave-kernel.ts) runs the same operations.
 */
export class OctaveSpectrum {
  /** Points of the log2 spectrum (equal to the number of linear magnitude bins). */
  readonly size: number;
  readonly pointsPerOctave: number;
  /** log2 frequency of point 0 and the step between points, in octaves. */
  readonly log2Start: number;
  readonly log2Step: number;

  private readonly knots: Float64Array;
  /** The grid points in knot interval [k, k+1] are intervalStart[k] .. intervalStart[k + 1] - 1. */
  private readonly intervalStart: Int32Array;
  private readonly coefA: Float64Array;
  private readonly coefB: Float64Array;
  private readonly coefH: Float64Array;
  /** a^3 - a and b^3 - b of each grid point's spline weights (constant: a and b depend on the grid only). */
  private readonly cubicA: Float64Array;
  private readonly cubicB: Float64Array;
  /** The tridiagonal solve's pivots 1 / (sig y2[i-1] + 2) and forward y2[i] = (sig - 1) p: knots only. */
  private readonly pivot: Float64Array;
  private readonly forward: Float64Array;
  private readonly splineSig: Float64Array;
  private readonly inverseStep: Float64Array;
  private readonly sixOverSpan: Float64Array;
  private readonly weights: Float64Array;
  private readonly work: Float64Array;
  private readonly u: Float64Array;
  private readonly kernel: OctaveKernel | null;

  constructor(bins: number, binHz: number, minHz: number, useWasm = true) {
    if (bins < 3) throw new Error(`octave spectrum: ${bins} bins, at least 3 needed`);
    const maxHz = binHz * (bins - 1);
    if (!(minHz > 0 && minHz < maxHz)) throw new Error(`octave spectrum: minimum frequency ${minHz} Hz must lie below ${maxHz} Hz`);
    this.size = bins;
    this.log2Start = Math.log2(minHz);
    this.log2Step = (Math.log2(maxHz) - this.log2Start) / (bins - 1);
    const octaves = Math.log2(maxHz / minHz);
    this.pointsPerOctave = bins / octaves;

    // Knots: log2 frequency of each linear bin; bin 0 (0 Hz) is extrapolated linearly from bins 1 and 2.
    this.knots = new Float64Array(bins);
    for (let i = 1; i < bins; i++) this.knots[i] = Math.log2(i * binHz);
    this.knots[0] = 2 * this.knots[1] - this.knots[2];

    // Natural spline: the tridiagonal factors depend only on the knots.
    this.splineSig = new Float64Array(bins);
    this.inverseStep = new Float64Array(bins);
    this.sixOverSpan = new Float64Array(bins);
    for (let i = 0; i < bins - 1; i++) this.inverseStep[i] = 1 / (this.knots[i + 1] - this.knots[i]);
    for (let i = 1; i < bins - 1; i++) {
      this.splineSig[i] = (this.knots[i] - this.knots[i - 1]) / (this.knots[i + 1] - this.knots[i - 1]);
      this.sixOverSpan[i] = 6 / (this.knots[i + 1] - this.knots[i - 1]);
    }
    this.pivot = new Float64Array(bins);
    this.forward = new Float64Array(bins);
    for (let i = 1; i < bins - 1; i++) {
      const sig = this.splineSig[i];
      this.pivot[i] = 1 / (sig * this.forward[i - 1] + 2);
      this.forward[i] = (sig - 1) * this.pivot[i];
    }
    const interval = new Int32Array(bins);
    this.coefA = new Float64Array(bins);
    this.coefB = new Float64Array(bins);
    this.coefH = new Float64Array(bins);
    this.cubicA = new Float64Array(bins);
    this.cubicB = new Float64Array(bins);
    let k = 0;
    for (let i = 0; i < bins; i++) {
      const x = this.log2Start + i * this.log2Step;
      while (k < bins - 2 && this.knots[k + 1] <= x) k++;
      const h = this.knots[k + 1] - this.knots[k];
      interval[i] = k;
      this.coefA[i] = (this.knots[k + 1] - x) / h;
      this.coefB[i] = (x - this.knots[k]) / h;
      this.coefH[i] = (h * h) / 6;
      const a = this.coefA[i];
      const b = this.coefB[i];
      this.cubicA[i] = a * a * a - a;
      this.cubicB[i] = b * b * b - b;
    }

    // interval[] grows with i (the grid is ascending), so each knot interval holds a run of grid points.
    this.intervalStart = new Int32Array(bins + 1);
    for (let j = 0, i = 0; j <= bins; j++) {
      while (i < bins && interval[i] < j) i++;
      this.intervalStart[j] = i;
    }

    // Auditory sensitivity (arctan) weighting, rising around 50-65 Hz.
    this.weights = new Float64Array(bins);
    const centre = this.pointsPerOctave * Math.log2(65 / 50) - 1;
    for (let i = 0; i < bins; i++) this.weights[i] = 0.5 + Math.atan((3 * (i + 1 - centre)) / this.pointsPerOctave) / Math.PI;

    this.work = new Float64Array(bins);
    this.u = new Float64Array(bins);
    const { inverseStep, sixOverSpan, splineSig, pivot, forward, coefA, coefB, cubicA, cubicB, coefH, weights } = this;
    this.kernel = useWasm ? OctaveKernel.create(`${bins}:${binHz}:${minHz}`, { inverseStep, sixOverSpan, splineSig, pivot, forward, coefA, coefB, cubicA, cubicB, coefH, weights, interval }) : null;
  }

  /** Whether the WebAssembly kernel transforms (else the JavaScript below). */
  get wasm(): boolean {
    return this.kernel !== null;
  }

  /** log2 frequency of point i. */
  log2At(i: number): number {
    return this.log2Start + i * this.log2Step;
  }

  /** Octave-scale spectrum of a linear magnitude spectrum `magnitude` (size bins) into `out`. */
  transform(magnitude: Float64Array, out: Float64Array): void {
    const n = this.size;
    const kernel = this.kernel;
    if (kernel) {
      kernel.input.set(magnitude.length === n ? magnitude : magnitude.subarray(0, n));
      kernel.transform();
      out.set(kernel.output);
      return;
    }
    const y = this.work;
    // Peak enhancement: between two neighbouring local maxima, the points more than two bins from both are
    // zeroed (the ends of the spectrum count as maxima when they exceed their neighbour; points before the
    // first and after the last maximum stay, as in openSMILE's cSpecScale).
    // A single maximum keeps only its +/- 2 points. (openSMILE 3.0 means to do that but reads the position of a
    // second maximum that does not exist, 0, and zeroes everything from point 3 on; real spectra practically
    // always have more than one maximum, and we do not copy the slip.)
    y.set(magnitude.length === n ? magnitude : magnitude.subarray(0, n));
    let lastMax = magnitude[0] > magnitude[1] ? 0 : -1;
    let maxima = lastMax === 0 ? 1 : 0;
    let before = magnitude[0];
    let here = magnitude[1];
    for (let i = 1; i < n - 1; i++) {
      const after = magnitude[i + 1];
      if (here > before && here >= after) {
        // (a loop, not y.fill: the stretches are short and many, and each fill call costs more than its points)
        if (lastMax >= 0) for (let j = lastMax + 3; j < i - 2; j++) y[j] = 0;
        lastMax = i;
        maxima++;
      }
      before = here;
      here = after;
    }
    if (here > before) {
      // the last point, a maximum when above its neighbour
      if (lastMax >= 0 && lastMax + 3 <= n - 4) y.fill(0, lastMax + 3, n - 3);
      lastMax = n - 1;
      maxima++;
    }
    if (maxima === 1) {
      y.fill(0, 0, Math.max(0, lastMax - 2));
      y.fill(0, Math.min(n, lastMax + 3));
    }
    // Hanning smoothing [1/4 1/2 1/4] (0 before the first point; the last point stays as it is) and the
    // natural cubic spline's second derivatives y2 (tridiagonal solve; knot spacings, pivots and the forward
    // part of y2, which depend on the knots only, precomputed: the same numbers as computing them here), in one
    // pass: step i of the solve needs smoothed points i and i + 1, so point i + 1 is smoothed just before it.
    // The running values stay in variables: the solve is a chain of dependent steps, which the smoothing's
    // independent work fills.
    const u = this.u;
    const { splineSig: sigs, inverseStep, sixOverSpan, pivot, forward } = this;
    const raw0 = y[0];
    let rawHere = y[1]; // unsmoothed points i and i + 1 (i = 1 first)
    let rawNext = y[2];
    const smoothed0 = 0.25 * 0 + 0.5 * raw0 + 0.25 * rawHere;
    y[0] = smoothed0;
    let smoothed = 0.25 * raw0 + 0.5 * rawHere + 0.25 * rawNext; // point i, smoothed (i = 1 < n - 1)
    y[1] = smoothed;
    u[0] = 0;
    let previousU = 0;
    let previousSlope = (smoothed - smoothed0) * inverseStep[0];
    for (let i = 1; i < n - 1; i++) {
      let next = rawNext; // point i + 1, smoothed unless it is the last
      if (i + 2 < n) {
        const rawAfter = y[i + 2];
        next = 0.25 * rawHere + 0.5 * rawNext + 0.25 * rawAfter;
        rawHere = rawNext;
        rawNext = rawAfter;
      }
      y[i + 1] = next;
      const slope = (next - smoothed) * inverseStep[i];
      previousU = ((slope - previousSlope) * sixOverSpan[i] - sigs[i] * previousU) * pivot[i];
      u[i] = previousU;
      previousSlope = slope;
      smoothed = next;
    }
    // Back substitution from the top (y2[n-1] = 0), evaluating on the log2 grid each interval [k, k+1] as soon
    // as its y2[k] is known (the independent evaluations fill the waits of the chain); weighted, and
    // negatives (spline overshoot) clipped to zero.
    const { intervalStart, coefA, coefB, coefH, cubicA, cubicB, weights } = this;
    let upper = 0; // y2[k + 1]
    for (let k = n - 2; k >= 0; k--) {
      const lower = forward[k] * upper + u[k]; // y2[k]
      const yk = y[k];
      const yk1 = y[k + 1];
      for (let i = intervalStart[k], end = intervalStart[k + 1]; i < end; i++) {
        const value = coefA[i] * yk + coefB[i] * yk1 + (cubicA[i] * lower + cubicB[i] * upper) * coefH[i];
        out[i] = value > 0 ? value * weights[i] : 0;
      }
      upper = lower;
    }
  }
}
