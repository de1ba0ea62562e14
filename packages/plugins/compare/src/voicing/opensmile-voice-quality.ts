import { FixedThresholdAcceptance, RunningMinimumAcceptance, type PeriodThreshold } from './opensmile-period-acceptance';
import { OpensmilePeriodStatistics } from './opensmile-period-statistics';
import type { FramedPitch } from './framed-pitch';
import type { VoiceQualityTracks } from './period-analysis';
import { PeriodCorrelations } from './correlation-kernel';
import { OpensmileScaledSamples } from './opensmile-scaled-samples';
import { parabolaVertex, peakToPeakInner } from './period-search';

/** Settings of openSMILE's waveform voice-quality analysis (cPitchJitter as ComParE configures it). */
export interface OpensmileVoiceQualitySettings {
  /** Periods are searched between floor((1 - r) T0) and ceil((1 + r) T0) samples, T0 = rate / F0. */
  readonly searchRangeRel: number;
  /** logHNR of unvoiced frames and lowest logHNR, dB. */
  readonly logHnrFloor: number;
  /** Which periods count for jitter and shimmer (default 'running-minimum', IS13_ComParE). */
  readonly threshold?: PeriodThreshold;
  /** The fixed threshold's correlation (openSMILE's minCC). */
  readonly minCorrelation?: number;
}

/** The sample run one frame analyses and where the next frame's run starts. */
interface ReadState {
  /** Absolute index of the first sample of the next run. */
  start: number;
  /** Samples of the previous frames' hops that the next run still has to cover (not yet consumed by periods). */
  carried: number;
}

/**
 * jitterLocal, jitterDDP, shimmerLocal and logHNR as openSMILE 3.0's cPitchJitter computes them for ComParE
 * (searchRangeRel 0.25, useBrokenJitterThresh 1), reimplemented from its definitions:
 *
 * Reading: frame i (F0 from `f0`) analyses a run of the waveform that starts where the previous frame's last
 * period began (or at the frame start after an unvoiced frame) and covers the rest of the previous hops plus
 * one hop, at least 2 ceil(1.25 T0) + 2 samples, at most the carried samples plus one frame length.
 *
 * Periods: a cursor starts at the run's beginning; while it is more than 2 ceil(1.25 T0) + 1 samples before the
 * run's end, the Pearson correlation of x[c, c+L) with x[c+L, c+2L) is computed for every L in
 * [floor(0.75 T0), ceil(1.25 T0)]; the largest strict local maximum (the two end lags excluded) gives the
 * period L (the cursor moves by L), its parabolic refinement the period length P and correlation ρ.
 * Without a local maximum the cursor moves by round(T0) and no period is recorded.
 *
 * Acceptance (RunningMinimumAcceptance, IS13_ComParE): a recorded period counts for jitter and shimmer only
 * when ρ exceeds the lowest ρ of the frame so far, itself included, held in single precision; with
 * `threshold: 'fixed'` (FixedThresholdAcceptance, ComParE_2016) when ρ exceeds minCorrelation (0.5).
 *
 * Accepted periods go to OpensmilePeriodStatistics with the peak-to-peak amplitudes of x[c, c+L) and
 * x[c+L, c+2L) (first and last sample left out), which gives jitterLocal, jitterDDP and shimmerLocal per frame
 * (with carry-over within the voiced run, repetition and clipping at 1; unvoiced frames 0).
 *
 * logHNR: the average period waveform h (round(T0) samples) is the mean of the waveform from each recorded
 * period start and from the final cursor position; harmonic RMS = RMS of h[3 .. round(T0) - 3] (divided by
 * round(T0) - 4); noise RMS = RMS of x - h over each recorded period, samples 2 .. min(next start,
 * start + round(T0)) - 3 of it; logHNR = 20 log10(harmonic / noise) dB (0 when the noise is 0), at least
 * the floor; unvoiced frames write the floor.
 */
export function analysePeriodsOpensmile(
  input: FramedPitch,
  settings: OpensmileVoiceQualitySettings,
  out: VoiceQualityTracks,
): void {
  const { samples, frameStarts, frameLength, hopLength, f0 } = input;
  const analyser = new OpensmilePeriodAnalyser(settings, input.sampleRate, frameLength, hopLength);
  const values = { jitterLocal: 0, jitterDDP: 0, shimmerLocal: 0, logHNR: 0 };
  for (let f = 0; f < f0.length; f++) {
    analyser.frame(f0[f], frameStarts[f], samples, 0, values);
    out.jitterLocal[f] = values.jitterLocal;
    out.jitterDDP[f] = values.jitterDDP;
    out.shimmerLocal[f] = values.shimmerLocal;
    out.logHNR[f] = values.logHNR;
  }
}

/** One frame's voice-quality values (what OpensmilePeriodAnalyser.frame writes). */
export interface VoiceQualityValues {
  jitterLocal: number;
  jitterDDP: number;
  shimmerLocal: number;
  logHNR: number;
}

/**
 * analysePeriodsOpensmile one frame at a time, in frame order (the reading position and the period
 * statistics carry from frame to frame): for streaming, the waveform may be a window of the signal.
 */
export class OpensmilePeriodAnalyser {
  private readonly read: ReadState = { start: 0, carried: 0 };
  private readonly correlations = new PeriodCorrelations();
  private readonly scaled = new OpensmileScaledSamples();
  private average = new Float64Array(0);
  private periodStarts = new Int32Array(0);
  private readonly vertex = new Float64Array(2);
  private readonly statistics = new OpensmilePeriodStatistics();
  private readonly acceptance: FixedThresholdAcceptance | RunningMinimumAcceptance;
  private readonly samplePeriod: number;

  constructor(
    private readonly settings: OpensmileVoiceQualitySettings,
    private readonly sampleRate: number,
    private readonly frameLength: number,
    private readonly hopLength: number,
  ) {
    this.samplePeriod = 1 / sampleRate;
    this.acceptance = settings.threshold === 'fixed' ? new FixedThresholdAcceptance(settings.minCorrelation ?? 0.5) : new RunningMinimumAcceptance();
  }

  /** Absolute index of the earliest sample the next frame may read. */
  get earliestSample(): number {
    return this.read.start;
  }

  /**
   * The frame starting at sample `frameStart` with F0 `F0` (0: unvoiced). `samples[k]` is sample `base + k`
   * of the signal; the frame reads from `earliestSample` to at most frameStart + frameLength (zero past the
   * end of `samples`, which must be the end of the signal when the frame reaches that far).
   */
  frame(F0: number, frameStart: number, samples: Float32Array, base: number, out: VoiceQualityValues): void {
    const { settings, sampleRate, frameLength, hopLength, read, statistics, acceptance, vertex } = this;
    const hopRead = hopLength + read.carried;
    let toRead = hopRead;
    let maxRead = read.carried + frameLength;
    const voiced = F0 > 0;
    const expected = voiced ? sampleRate / F0 : 0;
    const expectedRounded = Math.round(expected);
    const minLag = Math.floor((1 - settings.searchRangeRel) * expected);
    const maxLag = Math.ceil((1 + settings.searchRangeRel) * expected);
    if (voiced) toRead = Math.max(toRead, 2 * maxLag + 2);
    toRead = Math.min(toRead, maxRead);
    if (frameStart - read.carried !== read.start) {
      // Out of step with the frame grid (openSMILE's "discontinuity"): restart at this frame.
      read.start = frameStart;
      toRead = Math.min(toRead, frameLength);
      maxRead = Math.min(maxRead, frameLength);
    }
    if (!voiced) {
      read.start += hopRead;
      read.carried = 0;
      statistics.unvoicedFrame();
      out.jitterLocal = 0;
      out.jitterDDP = 0;
      out.shimmerLocal = 0;
      out.logHNR = settings.logHnrFloor;
      return;
    }

    // The run, zero beyond the signal, in openSMILE's sample scale: it reads 16-bit PCM as
    // single-precision s / 32767 where emotrans decodes s / 32768. The scale itself cancels out, but the
    // acceptance test below turns on the last bits of rho, which this rounding changes.
    const lags = maxLag - minLag + 1;
    const correlations = this.correlations;
    correlations.reserve(toRead, lags);
    const x = correlations.run;
    const scores = correlations.scores;
    const n = toRead;
    this.scaled.read(samples, base, read.start, n, x);
    if (this.average.length < expectedRounded + 1) this.average = new Float64Array(2 * (expectedRounded + 1));
    const average = this.average;
    average.fill(0, 0, expectedRounded + 1);
    const maxPeriods = Math.floor(n / Math.max(1, minLag)) + 3;
    if (this.periodStarts.length < maxPeriods + 1) this.periodStarts = new Int32Array(2 * (maxPeriods + 1));
    const periodStarts = this.periodStarts;
    periodStarts.fill(0, 0, maxPeriods + 1);

    statistics.beginFrame();
    let recorded = 0;
    acceptance.reset();
    let cursor = 0;
    let step = 0;
    let consumed = 0; // the last cursor position still inside this frame's hop share

    while (cursor < n - 2 * maxLag - 1) {
      correlations.score(cursor, minLag, maxLag);
      let best = -1;
      let bestValue = 0;
      for (let i = 1; i < lags - 2; i++) {
        const c = scores[i];
        if (scores[i - 1] < c && c > scores[i + 1] && (best < 0 || c > bestValue)) {
          best = i;
          bestValue = c;
        }
      }
      if (best < 0) {
        step = expectedRounded;
        cursor += step;
      } else {
        step = minLag + best;
        const start = cursor;
        cursor += step;
        const a0 = peakToPeakInner(x, start, step);
        const a1 = peakToPeakInner(x, cursor, step);
        periodStarts[recorded++] = start;
        for (let k = 0; k < expectedRounded; k++) average[k] += x[start + k];

        // Parabola through the peak and its neighbours (a strict peak, so it opens downwards). Evaluated in
        // openSMILE's arithmetic (see parabolaVertex): the acceptance test below depends on the last bits of rho.
        parabolaVertex(best - 1, scores[best - 1], best, scores[best], best + 1, scores[best + 1], vertex);
        const offset = vertex[0];
        const rho = vertex[1];
        if (acceptance.accepts(rho)) statistics.addPeriod(Math.abs(minLag + offset) * this.samplePeriod, a0, a1);
      }
      if (cursor < hopRead - 1) consumed = cursor;
    }

    out.logHNR = averagePeriodHnr(x, n, cursor, step, expectedRounded, periodStarts, recorded, average, settings.logHnrFloor);

    read.carried = hopRead - consumed;
    read.start += consumed;

    statistics.endFrame();
    out.jitterLocal = statistics.jitterLocal;
    out.jitterDDP = statistics.jitterDDP;
    out.shimmerLocal = statistics.shimmerLocal;
  }
}

/**
 * HNR of a voiced run from its average period: `periodStarts[0..recorded)` are the recorded period starts,
 * `finalCursor` the cursor after the last step, `lastStep` that step's length (0 when no step was taken).
 * `average` holds the sum over the recorded periods (period length `length`) and is completed here.
 */
function averagePeriodHnr(
  x: Float64Array,
  n: number,
  finalCursor: number,
  lastStep: number,
  length: number,
  periodStarts: Int32Array,
  recorded: number,
  average: Float64Array,
  floor: number,
): number {
  periodStarts[recorded++] = finalCursor;
  let harmonic = 0;
  for (let k = 0; k < length && finalCursor + k < n; k++) {
    average[k] = (average[k] + x[finalCursor + k]) / recorded;
    if (k > 2 && k < length - 2) harmonic += average[k] * average[k];
  }
  if (length - 4 > 0) harmonic /= length - 4;
  harmonic = Math.sqrt(harmonic);
  // The period after the final cursor ends one step later (no end when no step was taken).
  periodStarts[recorded] = lastStep > 0 ? finalCursor + lastStep : 0;
  let noise = 0;
  let count = 0;
  for (let p = 0; p < recorded; p++) {
    const start = periodStarts[p];
    const end = Math.min(periodStarts[p + 1], start + length) - 2;
    for (let j = start + 2, k = 2; j < end; j++, k++) {
      const d = (j < n ? x[j] : 0) - average[k];
      noise += d * d;
      count++;
    }
  }
  if (count > 0) noise /= count;
  noise = Math.sqrt(noise);
  if (!(noise > 0)) return Math.max(floor, 0);
  const ratio = harmonic / noise;
  return ratio > 0 ? Math.max(floor, 20 * Math.log10(ratio)) : floor;
}
