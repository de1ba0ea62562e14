import { BadInputError, type AudioSignal } from '@emotrans/core';
import { ComparELldAnalyser } from '../lld/compute-llds';
import { smoothAndDelta, type ComparETracks } from '../lld/smooth-and-delta';
import { voicingTracks, type VoicingOptions } from '../voicing';
import { compareInput } from './compare-sample-rate';

const analysers = new Map<number, ComparELldAnalyser>();

/** The 130 smoothed LLD + delta tracks of a signal, and the signal they were computed at. */
export async function extractComparETracks(audio: AudioSignal, voicing: VoicingOptions = {}): Promise<{ tracks: ComparETracks; signal: AudioSignal }> {
  const signal = await compareInput(audio);
  if (!(signal.sampleRate > 0)) throw new BadInputError(`sample rate ${signal.sampleRate} is not positive`, signal.origin);
  let analyser = analysers.get(signal.sampleRate);
  if (!analyser) {
    analyser = new ComparELldAnalyser(signal.sampleRate);
    analysers.set(signal.sampleRate, analyser);
  }
  const raw = analyser.analyse(signal.samples, (samples, rate, hop, frames) => voicingTracks(samples, rate, hop, frames, voicing));
  return { tracks: smoothAndDelta(raw), signal };
}
