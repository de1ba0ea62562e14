import { BadInputError, type AudioSignal } from '@emotrans/core';
import { EgemapsLldAnalyser, type RawEgemapsLlds } from '../lld/compute-llds';

const analysers = new Map<number, EgemapsLldAnalyser>();

/**
 * The raw eGeMAPS LLDs of a signal at its own sample rate (as SMILExtract analyses the input file). Samples
 * are put on openSMILE's scale first: it reads 16-bit PCM as s / 32767 where emotrans decodes s / 32768, and
 * the log-energy, MFCC and jitter acceptance values see that difference.
 */
export function extractRawLlds(audio: AudioSignal): RawEgemapsLlds {
  if (!(audio.sampleRate > 0)) throw new BadInputError(`sample rate ${audio.sampleRate} is not positive`, audio.origin);
  let analyser = analysers.get(audio.sampleRate);
  if (!analyser) {
    analyser = new EgemapsLldAnalyser(audio.sampleRate);
    analysers.set(audio.sampleRate, analyser);
  }
  const scale = 32768 / 32767;
  const samples = new Float32Array(audio.samples.length);
  for (let i = 0; i < samples.length; i++) samples[i] = audio.samples[i] * scale;
  return analyser.analyse(samples);
}
