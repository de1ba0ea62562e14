import { VOICE_QUALITY_METHODS, type VoiceQualityMethod } from '../voicing';

/** The feature-set option choosing how jitter, shimmer and logHNR are measured. */
export interface VoiceQualityOption {
  /**
   * 'opensmile' (default): openSMILE 3.0's cPitchJitter definitions, as in the ComParE papers;
   * 'praat': a Praat-like period analysis (pulse-centred periods, Praat's DDP, autocorrelation HNR).
   */
  voiceQuality?: VoiceQualityMethod;
}

/** JSON schema of the option, shared by the manifests. */
export const VOICE_QUALITY_OPTION = {
  type: 'string',
  enum: [...VOICE_QUALITY_METHODS],
  default: 'opensmile',
  description:
    "How jitter, shimmer and logHNR are measured: 'opensmile' reproduces openSMILE 3.0 (the ComParE papers), 'praat' a Praat-like period analysis",
} as const;
