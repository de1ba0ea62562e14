/**
 * Parameters of the pitch / voice-quality chain of openSMILE's ComParE 2013 (and 2016) configuration
 * (ComParE_2016_core.lld.conf.inc: cFramer 60 ms, cWindower gauss sigma 0.4, cSpecScale octave, cPitchShs,
 * cPitchSmootherViterbi, cValbasedSelector, cPitchJitter). Numbers only; the code here is our own.
 */
export const COMPARE_PITCH = {
  /** Analysis frame for the SHS spectrum, seconds. */
  frameSeconds: 0.06,
  /** Gaussian window width relative to half the frame length. */
  gaussSigma: 0.4,
  /** Lowest frequency of the octave-scale spectrum, Hz. */
  octaveMinHz: 25,
  minPitchHz: 52,
  maxPitchHz: 620,
  nCandidates: 6,
  nHarmonics: 15,
  compressionFactor: 0.85,
  voicingCutoff: 0.7,
  /**
   * Viterbi weights as openSMILE 3.0 applies the configured ones (wLocal 2, wTvv 10, wTvvd 5, wTvuv 10,
   * wThr 4, wTuu 0, wRange 1): its weight setter gives the change term wTvv's value, and its unvoiced -> unvoiced test
   * never matches, so that transition gets the default cost 1.
   */
  viterbi: { wLocal: 2, wTvv: 10, wTvvd: 10, wTvuv: 10, wThr: 4, wTuu: 1, wRange: 1 },
  /** Frames the Viterbi smoother looks ahead before deciding a frame (bufferLength). */
  viterbiLag: 30,
  /** Frames whose windowed RMS is below this are forced unvoiced (cValbasedSelector threshold). */
  energyThreshold: 0.001,
  /** Relative period search range around 1/F0 for jitter and shimmer. */
  searchRangeRel: 0.25,
  /** Periods whose correlation with the next one is below this are not used for jitter/shimmer. */
  minPeriodCorrelation: 0.5,
  /** logHNR of unvoiced frames (openSMILE's lgHNRfloor), dB. */
  logHnrFloor: -100,
} as const;
