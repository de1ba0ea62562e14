/**
 * Parameters of the pitch and voice-quality chain of openSMILE's GeMAPS v01b configuration (which eGeMAPS
 * v02 includes unchanged): cFramer 60 ms / 10 ms, cWindower gauss sigma 0.4, cSpecScale octave from 25 Hz,
 * cPitchShs 55-1000 Hz, cPitchSmootherViterbi with a 40-frame buffer, cValbasedSelector on the windowed RMS,
 * cPitchJitter (searchRangeRel 0.1, minNumPeriods 2 as in ComParE, minCC 0.5, useBrokenJitterThresh 0). Numbers only.
 */
export const GEMAPS_PITCH = {
  frameSeconds: 0.06,
  gaussSigma: 0.4,
  octaveMinHz: 25,
  minPitchHz: 55,
  maxPitchHz: 1000,
  nCandidates: 6,
  nHarmonics: 15,
  compressionFactor: 0.85,
  voicingCutoff: 0.7,
  /**
   * The configured weights (wLocal 2, wTvv 10, wTvvd 5, wTvuv 10, wThr 4, wRange 1, wTuu 0) as openSMILE 3.0
   * applies them: the change term gets wTvv, unvoiced -> unvoiced costs 1 (as the compare plugin's smoothPitchViterbi documents).
   */
  viterbi: { wLocal: 2, wTvv: 10, wTvvd: 10, wTvuv: 10, wThr: 4, wRange: 1, wTuu: 1 },
  viterbiBufferLength: 40,
  /** Frames whose Gaussian-windowed RMS is below this get F0 0 (the volmerge selector). */
  energyThreshold: 0.001,
  searchRangeRel: 0.1,
  /** Periods whose parabolically refined correlation is not above this are left out of jitter and shimmer. */
  minPeriodCorrelation: 0.5,
  /** logHNR floor of cPitchJitter (GeMAPS does not output logHNR from it; required by the shared analysis). */
  logHnrFloor: -100,
} as const;
