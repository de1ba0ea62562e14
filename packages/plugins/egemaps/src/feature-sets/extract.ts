import { BadInputError, resample, type AudioSignal } from '@emotrans/core';
import { EgemapsLldAnalyser, type RawEgemapsLlds } from '../lld/compute-llds';
import { FORMANT_METHODS, type FormantMethod } from '../lld/formants';

const analysers = new Map<string, EgemapsLldAnalyser>();

/** The options every eGeMAPS feature set has. */
export interface EgemapsOptions {
  /** 'opensmile' (default): SMILExtract 3.0's formants; 'corrected': roots of the LPC polynomial itself (formants.ts). */
  formants?: FormantMethod;
  /**
   * Resample to this rate (Hz) before the analysis. Default: none, the audio is analysed at its own rate
   * exactly as SMILExtract does (frame and hop lengths rounded to whole samples at that rate).
   */
  sampleRate?: number;
}

/** JSON schema of the `sampleRate` option (as compare's). */
export const SAMPLE_RATE_OPTION = {
  type: 'integer',
  minimum: 4000,
  maximum: 192000,
  description: "Resample to this rate (Hz) first; default: analyse at the audio's own rate, as SMILExtract does",
} as const;

/** JSON schema of the `formants` option. */
export const FORMANTS_OPTION = {
  type: 'string',
  enum: [...FORMANT_METHODS],
  default: 'opensmile',
  description:
    "'opensmile' reproduces SMILExtract 3.0's formant frequencies, bandwidths and amplitudes (biased: it negates the LPC coefficients); 'corrected' uses the roots of the LPC polynomial",
} as const;

/** The option properties of every eGeMAPS set. */
export const EGEMAPS_OPTION_PROPERTIES = { formants: FORMANTS_OPTION, sampleRate: SAMPLE_RATE_OPTION } as const;

/**
 * The raw LLDs of the audio as the sets analyse it: resampled first when `options.sampleRate` asks for it
 * (core's resampler), at the audio's own rate otherwise.
 */
export async function extractLldsForSet(audio: AudioSignal, options: EgemapsOptions = {}): Promise<RawEgemapsLlds> {
  const rate = options.sampleRate;
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= SAMPLE_RATE_OPTION.minimum && rate <= SAMPLE_RATE_OPTION.maximum)) {
    throw new BadInputError(`sampleRate must be a whole number of ${SAMPLE_RATE_OPTION.minimum} to ${SAMPLE_RATE_OPTION.maximum} Hz, not ${String(rate)}`, audio.origin);
  }
  return extractRawLlds(rate ? await resample(audio, rate) : audio, options);
}

/**
 * The raw eGeMAPS LLDs of a signal at its own sample rate (as SMILExtract analyses the input file). Samples
 * are put on openSMILE's scale first: it reads 16-bit PCM as s / 32767 where emotrans decodes s / 32768, and
 * the log-energy, MFCC and jitter acceptance values see that difference.
 */
export function extractRawLlds(audio: AudioSignal, options: EgemapsOptions = {}): RawEgemapsLlds {
  if (!(audio.sampleRate > 0)) throw new BadInputError(`sample rate ${audio.sampleRate} is not positive`, audio.origin);
  const method = options.formants ?? 'opensmile';
  if (!FORMANT_METHODS.includes(method)) throw new BadInputError(`formants must be one of ${FORMANT_METHODS.join(', ')}, not ${String(method)}`, audio.origin);
  const key = `${audio.sampleRate}/${method}`;
  let analyser = analysers.get(key);
  if (!analyser) {
    analyser = new EgemapsLldAnalyser(audio.sampleRate, method);
    analysers.set(key, analyser);
  }
  const scale = 32768 / 32767;
  const samples = new Float32Array(audio.samples.length);
  for (let i = 0; i < samples.length; i++) samples[i] = audio.samples[i] * scale;
  return analyser.analyse(samples);
}
