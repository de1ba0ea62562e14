/**
 * The 65 ComParE 2013 low-level descriptors in openSMILE's output order (IS13_ComParE.conf concatenates the
 * levels is13_lld_nzsmo; is13_lldA_smo; is13_lldB_smo), with openSMILE's column names so users can match
 * openSMILE CSVs: smoothed LLDs end in `_sma` (`mfcc_sma[1]`), their deltas in `_sma_de` (`mfcc_sma_de[1]`).
 */
export interface LldName {
  /** openSMILE's field name before the smoothing suffix, e.g. `mfcc`, `pcm_RMSenergy`. */
  readonly base: string;
  /** Array index for array fields (`audSpec_Rfilt[0]`, `mfcc[1]`). */
  readonly index?: number;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The 6 voicing-related LLDs (smoothed skipping zeros, deltas only inside voiced segments). */
export const VOICING_LLDS: readonly LldName[] = ['F0final', 'voicingFinalUnclipped', 'jitterLocal', 'jitterDDP', 'shimmerLocal', 'logHNR'].map((base) => ({ base }));

/** The 4 energy-related LLDs. */
export const ENERGY_LLDS: readonly LldName[] = ['audspec_lengthL1norm', 'audspecRasta_lengthL1norm', 'pcm_RMSenergy', 'pcm_zcr'].map((base) => ({ base }));

export const RASTA_BANDS = 26;
export const MFCC_FIRST = 1;
export const MFCC_LAST = 14;

/** The 55 spectral LLDs: 26 RASTA-filtered auditory bands, 15 cSpectral descriptors, MFCC 1-14. */
export const SPECTRAL_LLDS: readonly LldName[] = [
  ...range(0, RASTA_BANDS - 1).map((index) => ({ base: 'audSpec_Rfilt', index })),
  ...[
    'fband250-650',
    'fband1000-4000',
    'spectralRollOff25.0',
    'spectralRollOff50.0',
    'spectralRollOff75.0',
    'spectralRollOff90.0',
    'spectralFlux',
    'spectralCentroid',
    'spectralEntropy',
    'spectralVariance',
    'spectralSkewness',
    'spectralKurtosis',
    'spectralSlope',
    'psySharpness',
    'spectralHarmonicity',
  ].map((name) => ({ base: `pcm_fftMag_${name}` })),
  ...range(MFCC_FIRST, MFCC_LAST).map((index) => ({ base: 'mfcc', index })),
];

export const COMPARE_LLDS: readonly LldName[] = [...VOICING_LLDS, ...ENERGY_LLDS, ...SPECTRAL_LLDS];

/** Position of the first LLD of each group in COMPARE_LLDS. */
export const LLD_OFFSET = { voicing: 0, energy: VOICING_LLDS.length, spectral: VOICING_LLDS.length + ENERGY_LLDS.length } as const;

function format(lld: LldName, suffix: string): string {
  return lld.index === undefined ? `${lld.base}${suffix}` : `${lld.base}${suffix}[${lld.index}]`;
}

/** `<base>_sma[<i>]` */
export function smoothedName(lld: LldName): string {
  return format(lld, '_sma');
}

/** `<base>_sma_de[<i>]` */
export function deltaName(lld: LldName): string {
  return format(lld, '_sma_de');
}

/** The 130 LLD + delta track names: the 65 smoothed LLDs, then their 65 deltas (openSMILE's lld / lld_de). */
export const COMPARE_TRACK_NAMES: readonly string[] = [...COMPARE_LLDS.map(smoothedName), ...COMPARE_LLDS.map(deltaName)];

/** openSMILE functional names: `<track>_amean`, `<track>_stddev`, per track in track order. */
export const COMPARE_FUNCTIONAL_NAMES: readonly string[] = COMPARE_TRACK_NAMES.flatMap((name) => [`${name}_amean`, `${name}_stddev`]);
