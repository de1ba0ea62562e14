import { interpolatedQuantile } from '@emotrans/core';
import { smoothContour } from '../compare-building-blocks';
import { EGEMAPS_FRAMING, type RawEgemapsLlds } from '../lld/compute-llds';
import { lldIndex } from '../lld/lld-names';
import { smoothFrequencyTrack } from '../lld/smooth-llds';
import { ALL_FRAMES_MEAN_STDDEV, EGEMAPS_FUNCTIONAL_NAMES, GATED_NAMES_UNVOICED, GATED_SPECTRAL, VOICED_MEAN_STDDEV } from './functional-names';
import { meanAndStddevNorm } from './moments';
import { peakStatistics } from './peaks';
import { segmentStatistics } from './segments';

/** The voicing gate (cValbasedSelector on the unsmoothed F0 in semitones). */
const VOICED_THRESHOLD = 0.000001;

/** A span of LLD frames to summarise: [start, end). */
export interface FrameSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The smoothed contours eGeMAPS' functionals read, each as long as the openSMILE level it comes from:
 * `energy` (loudness, flux, MFCC: every whole 20 ms frame, `_sma3`) and `frequency` (F0, voice quality,
 * harmonics, formants and the voiced / unvoiced gated spectral LLDs: every whole 60 ms frame, `_sma3nz`).
 * Each is smoothed over its whole length (first / last value repeated at the ends), as the smoother levels
 * run over the file, and the functionals then read spans of it.
 */
export interface FunctionalContours {
  readonly energyFrames: number;
  /**
   * Rows the whole-file functionals read of the frequency contours: SMILExtract's functionals run when the
   * input ends, before its pitch smoother flushes, so they see the frames the smoother had decided by then
   * (RawEgemapsLlds.decidedFrames: all whole 60 ms frames but the last on a file ending unvoiced, up to 6 fewer
   * on the reference files ending voiced).
   */
  readonly frequencyFrames: number;
  readonly tracks: ReadonlyMap<string, Float32Array>;
  readonly frameEnergy: Float32Array;
  /** Seconds between frames (where the frames are: row times). */
  readonly periodSeconds: number;
  /**
   * The frame period the functionals divide by (slopes, peak and segment rates, segment lengths): the
   * configured 10 ms, as openSMILE's functionals see it, even where the frames are round(0.01 rate) samples
   * apart (at 22.05 kHz 221 samples, 10.02 ms).
   */
  readonly functionalPeriodSeconds: number;
}

export function functionalContours(raw: RawEgemapsLlds): FunctionalContours {
  const tracks = new Map<string, Float32Array>();
  const rawTrack = (name: string, length: number) => raw.data.subarray(lldIndex(name) * raw.stride, lldIndex(name) * raw.stride + length);
  const smooth = (values: Float32Array, skipZeros: boolean) => smoothContour(values, new Float32Array(values.length), 3, skipZeros);
  const nE = raw.shortFrames;
  const nF = raw.longFrames;
  for (const name of ['Loudness', ...ALL_FRAMES_MEAN_STDDEV]) tracks.set(name, smooth(rawTrack(name, nE), false));
  const f0Raw = rawTrack('F0semitoneFrom27.5Hz', nF);
  tracks.set('F0', smooth(f0Raw, true));
  const gated = (name: string, keep: (v: number) => boolean) => {
    const source = rawTrack(name, nF);
    return Float32Array.from(source, (v, i) => (keep(f0Raw[i]) ? v : 0));
  };
  const voiced = (f0: number) => f0 > VOICED_THRESHOLD;
  // voice quality, harmonics and formants are computed behind the pitch smoother, and their smoother meets the
  // end of the input where it had decided raw.decidedFrames frames (smoothFrequencyTrack); the smoothers of F0
  // and of the voiced / unvoiced spectral LLDs do not (checked on SMILExtract's smoothed levels)
  const split = (values: Float32Array) => smoothFrequencyTrack(values, nF, raw.decidedFrames).subarray(0, nF);
  for (const name of VOICED_MEAN_STDDEV) {
    const isFormant = /^F\d(frequency|bandwidth)$/.test(name);
    tracks.set(name, split(isFormant ? gated(name, voiced) : rawTrack(name, nF)));
  }
  for (const name of GATED_SPECTRAL) tracks.set(`${name}V`, smooth(gated(name, voiced), true));
  for (let k = 0; k < GATED_NAMES_UNVOICED.length; k++) tracks.set(GATED_NAMES_UNVOICED[k], smooth(gated(GATED_SPECTRAL[k], (f0) => f0 < VOICED_THRESHOLD), true));
  return { energyFrames: nE, frequencyFrames: raw.decidedFrames, tracks, frameEnergy: raw.frameEnergy, periodSeconds: raw.periodSeconds, functionalPeriodSeconds: EGEMAPS_FRAMING.hopSeconds };
}

/**
 * The 88 eGeMAPS v02 functionals of the frames `span` (clipped to each contour's own length; the whole file:
 * { start: 0, end: Infinity }), written to out[offset ..]:
 * - F0 (semitones, voiced frames only) and loudness (all frames): mean, stddevNorm, 20/50/80th percentiles,
 *   the 20-80 range, rising/falling slope means and deviations (cFunctionalPeaks2);
 * - spectral flux and MFCC 1-4: mean and stddevNorm over all frames;
 * - voice quality, harmonic and formant LLDs (formant frequency and bandwidth zeroed where F0 is 0), and the
 *   spectral LLDs zeroed on unvoiced frames: mean and stddevNorm of the non-zero smoothed values;
 * - the spectral balance LLDs zeroed on voiced frames: mean of the non-zero smoothed values;
 * - loudness peaks per second, voiced segments per second, mean/std of voiced and unvoiced segment lengths;
 * - equivalent sound level: 10 log10 of the mean power of the unwindowed 20 ms frames.
 */
export function egemapsFunctionals(contours: FunctionalContours, span: FrameSpan, out: Float32Array, offset = 0): void {
  let o = offset;
  const put = (v: number) => {
    out[o++] = Number.isFinite(v) ? v : 0;
  };
  const energySpan = clip(span, contours.energyFrames);
  const frequencySpan = clip(span, contours.frequencyFrames);
  const track = (name: string, s: FrameSpan) => {
    const t = contours.tracks.get(name);
    if (!t) throw new Error(`no contour ${name}`);
    return t.subarray(s.start, s.end);
  };

  const period = contours.functionalPeriodSeconds;
  const f0 = track('F0', frequencySpan);
  contourFunctionals(nonZero(f0), period, put);
  const loudness = track('Loudness', energySpan);
  contourFunctionals(loudness, period, put);
  for (const name of ALL_FRAMES_MEAN_STDDEV) meanStddev(track(name, energySpan), put);
  for (const name of VOICED_MEAN_STDDEV) meanStddev(nonZero(track(name, frequencySpan)), put);
  for (const name of GATED_SPECTRAL) meanStddev(nonZero(track(`${name}V`, frequencySpan)), put);
  for (const name of GATED_NAMES_UNVOICED) put(meanAndStddevNorm(nonZero(track(name, frequencySpan))).mean);
  put(peakStatistics(loudness, loudness.length, period).peaksPerSecond);
  const voicedSegments = segmentStatistics(f0, f0.length, period, (v) => v !== 0);
  put(voicedSegments.segmentsPerSecond);
  put(voicedSegments.meanLength);
  put(voicedSegments.stddevLength);
  const unvoicedSegments = segmentStatistics(f0, f0.length, period, (v) => v === 0);
  put(unvoicedSegments.meanLength);
  put(unvoicedSegments.stddevLength);
  put(equivalentSoundLevel(contours.frameEnergy.subarray(energySpan.start, energySpan.end)));
  if (o - offset !== EGEMAPS_FUNCTIONAL_NAMES.length) throw new Error(`egemapsFunctionals wrote ${o - offset} values`);
}

function clip(span: FrameSpan, length: number): FrameSpan {
  const start = Math.min(Math.max(0, span.start), length);
  return { start, end: Math.max(start, Math.min(span.end, length)) };
}

function meanStddev(values: Float32Array, put: (v: number) => void): void {
  const m = meanAndStddevNorm(values);
  put(m.mean);
  put(m.stddevNorm);
}

/** The 10 contour functionals of F0 and loudness. */
function contourFunctionals(values: Float32Array, period: number, put: (v: number) => void): void {
  meanStddev(values, put);
  // openSMILE's interpolated percentile is the type-7 quantile: position p (n - 1), linear in between
  const sorted = Float32Array.from(values).sort();
  const percentile = (p: number) => (sorted.length > 0 ? interpolatedQuantile(sorted, p) : 0);
  const p20 = percentile(0.2);
  const p80 = percentile(0.8);
  put(p20);
  put(percentile(0.5));
  put(p80);
  put(Math.abs(p80 - p20));
  const peaks = peakStatistics(values, values.length, period);
  put(peaks.meanRisingSlope);
  put(peaks.stddevRisingSlope);
  put(peaks.meanFallingSlope);
  put(peaks.stddevFallingSlope);
}

function nonZero(values: Float32Array): Float32Array {
  return values.filter((v) => v !== 0);
}

/** 10 log10 of the mean of the per-frame mean squares (openSMILE's dBp floor for silence). */
function equivalentSoundLevel(frameEnergy: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < frameEnergy.length; i++) sum += frameEnergy[i];
  const mean = frameEnergy.length > 0 ? sum / frameEnergy.length : 0;
  return 10 * Math.log10(Math.max(mean, 1e-30));
}
