import { VOICE_QUALITY_METHODS, type VoiceQualityMethod } from '../voicing';

/** The openSMILE configurations the ComParE feature sets reproduce, by openSMILE's names. */
export type ComparEVariant = 'IS13_ComParE' | 'ComParE_2016';
export const COMPARE_VARIANTS: readonly ComparEVariant[] = ['IS13_ComParE', 'ComParE_2016'];

/** How the deltas of the six voicing LLDs are normalised (see segment-delta.ts). */
export type DeltaNormaliser = 'opensmile' | 'per-frame';
export const DELTA_NORMALISERS: readonly DeltaNormaliser[] = ['opensmile', 'per-frame'];

/** The options of compare-lld and compare-1hz (and their ComParE_2016 twins). */
export interface ComparEOptions {
  /**
   * 'IS13_ComParE' (default; the paper's, config/is09-13/IS13_ComParE.conf) or 'ComParE_2016'
   * (config/compare16/ComParE_2016.conf: jitter and shimmer count the periods whose correlation exceeds 0.5,
   * where IS13 compares with the frame's running minimum; the FFT magnitudes are the same).
   */
  variant?: ComparEVariant;
  /**
   * 'opensmile' (default; openSMILE 3.0's `voiceQuality` definitions) or 'praat' (a Praat-like period analysis).
   */
  voiceQuality?: VoiceQualityMethod;
  /**
   * 'opensmile' (default): the voicing deltas divided by openSMILE 3.0's normaliser, which only grows through a
   * file (SMILExtract's numbers, fading towards 0); 'per-frame': divided by 2 sum k^2 over the pairs used in
   * each frame (the regression delta the formula means).
   */
  deltaNormaliser?: DeltaNormaliser;
  /**
   * Resample to this rate (Hz) before the analysis. Default: none, the audio is analysed at its own rate
   * exactly as SMILExtract does (frame and hop lengths rounded to whole samples at that rate).
   */
  sampleRate?: number;
}

/** JSON schema of the options, shared by the manifests. */
export const COMPARE_OPTION_SCHEMA = {
  variant: {
    type: 'string',
    enum: [...COMPARE_VARIANTS],
    default: 'IS13_ComParE',
    description: "openSMILE configuration reproduced: 'IS13_ComParE' (the paper's) or 'ComParE_2016' (its voice-quality threshold)",
  },
  voiceQuality: {
    type: 'string',
    enum: [...VOICE_QUALITY_METHODS],
    default: 'opensmile',
    description: "How jitter, shimmer and logHNR are measured: 'opensmile' reproduces openSMILE 3.0 (the ComParE papers), 'praat' a Praat-like period analysis",
  },
  deltaNormaliser: {
    type: 'string',
    enum: [...DELTA_NORMALISERS],
    default: 'opensmile',
    description:
      "Voicing deltas: 'opensmile' divides by openSMILE 3.0's ever-growing normaliser (SMILExtract's values), 'per-frame' by 2 sum k^2 of the pairs used (sane deltas)",
  },
  sampleRate: {
    type: 'integer',
    minimum: 4000,
    maximum: 192000,
    description: "Resample to this rate (Hz) first; default: analyse at the audio's own rate, as SMILExtract does",
  },
} as const;

/**
 * The option properties of a set: all of COMPARE_OPTION_SCHEMA, or without `variant` for a set id that
 * fixes the openSMILE configuration (compare2016-lld, compare2016-1hz).
 */
export function comparEOptionProperties(fixedVariant?: ComparEVariant): Record<string, unknown> {
  const { variant, ...others } = COMPARE_OPTION_SCHEMA;
  return fixedVariant ? others : { variant, ...others };
}
