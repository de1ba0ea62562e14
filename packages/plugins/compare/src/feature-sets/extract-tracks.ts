import { BadInputError, resample, type AudioSignal } from '@emotrans/core';
import { ComparELldAnalyser } from '../lld/compute-llds';
import { smoothAndDelta, type ComparETracks } from '../lld/smooth-and-delta';
import { voicingTracks } from '../voicing';
import type { ComparEOptions } from './compare-options';

const analysers = new Map<number, ComparELldAnalyser>();

/** The analyser (tables: windows, FFT plan, filterbanks) of one sample rate, kept for reuse. */
export function analyserFor(sampleRate: number): ComparELldAnalyser {
  let analyser = analysers.get(sampleRate);
  if (!analyser) {
    analyser = new ComparELldAnalyser(sampleRate);
    analysers.set(sampleRate, analyser);
  }
  return analyser;
}

/**
 * The 130 smoothed LLD + delta tracks of a signal, analysed at its own rate (or resampled to
 * `options.sampleRate` first), and the analyser that made them (its grid gives the row times).
 */
export async function extractComparETracks(audio: AudioSignal, options: ComparEOptions = {}): Promise<{ tracks: ComparETracks; analyser: ComparELldAnalyser; signal: AudioSignal }> {
  const signal = options.sampleRate ? await resample(audio, options.sampleRate) : audio;
  if (!(signal.sampleRate > 0)) throw new BadInputError(`sample rate ${signal.sampleRate} is not positive`, signal.origin);
  const analyser = analyserFor(signal.sampleRate);
  const voicing = { voiceQuality: options.voiceQuality, jitterThreshold: options.variant === 'ComParE_2016' ? ('fixed' as const) : ('running-minimum' as const) };
  const raw = analyser.analyse(signal.samples, (samples, rate, hop, frames) => voicingTracks(samples, rate, hop, frames, voicing));
  return { tracks: smoothAndDelta(raw, { deltaNormaliser: options.deltaNormaliser ?? 'opensmile' }), analyser, signal };
}
