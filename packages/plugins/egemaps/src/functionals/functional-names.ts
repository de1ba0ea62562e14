import { FREQUENCY_LLDS } from '../lld/lld-names';

const F0 = 'F0semitoneFrom27.5Hz_sma3nz';
const CONTOUR_FUNCTIONALS = [
  'amean',
  'stddevNorm',
  'percentile20.0',
  'percentile50.0',
  'percentile80.0',
  'pctlrange0-2',
  'meanRisingSlope',
  'stddevRisingSlope',
  'meanFallingSlope',
  'stddevFallingSlope',
] as const;

/** LLDs summarised over all frames by mean and stddevNorm (egemapsv02_functionalsMeanStddevZ). */
export const ALL_FRAMES_MEAN_STDDEV = ['spectralFlux', 'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4'] as const;
/** LLDs summarised over their non-zero (voiced) frames by mean and stddevNorm: the frequency LLDs but F0. */
export const VOICED_MEAN_STDDEV = FREQUENCY_LLDS.slice(1);
/** Spectral LLDs gated to voiced (V) and unvoiced (UV) frames; the names of the gated copies. */
export const GATED_SPECTRAL = ['alphaRatio', 'hammarbergIndex', 'slope0-500', 'slope500-1500', 'spectralFlux', 'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4'] as const;
export const GATED_NAMES_VOICED = ['alphaRatioV', 'hammarbergIndexV', 'slopeV0-500', 'slopeV500-1500', 'spectralFluxV', 'mfcc1V', 'mfcc2V', 'mfcc3V', 'mfcc4V'] as const;
export const GATED_NAMES_UNVOICED = ['alphaRatioUV', 'hammarbergIndexUV', 'slopeUV0-500', 'slopeUV500-1500', 'spectralFluxUV'] as const;

/** The 88 eGeMAPS v02 functionals in SMILExtract's order and spelling. */
export const EGEMAPS_FUNCTIONAL_NAMES: readonly string[] = [
  ...CONTOUR_FUNCTIONALS.map((f) => `${F0}_${f}`),
  ...CONTOUR_FUNCTIONALS.map((f) => `loudness_sma3_${f}`),
  ...ALL_FRAMES_MEAN_STDDEV.flatMap((n) => [`${n}_sma3_amean`, `${n}_sma3_stddevNorm`]),
  ...VOICED_MEAN_STDDEV.flatMap((n) => [`${n}_sma3nz_amean`, `${n}_sma3nz_stddevNorm`]),
  ...GATED_NAMES_VOICED.flatMap((n) => [`${n}_sma3nz_amean`, `${n}_sma3nz_stddevNorm`]),
  ...GATED_NAMES_UNVOICED.map((n) => `${n}_sma3nz_amean`),
  'loudnessPeaksPerSec',
  'VoicedSegmentsPerSec',
  'MeanVoicedSegmentLengthSec',
  'StddevVoicedSegmentLengthSec',
  'MeanUnvoicedSegmentLength',
  'StddevUnvoicedSegmentLength',
  'equivalentSoundLevel_dBp',
];
