/** The 10 eGeMAPS v02 LLDs of the energy/spectral group (openSMILE's lldsetE), smoothed over 3 frames. */
export const ENERGY_SPECTRAL_LLDS = [
  'Loudness',
  'alphaRatio',
  'hammarbergIndex',
  'slope0-500',
  'slope500-1500',
  'spectralFlux',
  'mfcc1',
  'mfcc2',
  'mfcc3',
  'mfcc4',
] as const;

/** The 15 frequency/voice-quality LLDs (lldsetF), smoothed over 3 frames skipping zeros. */
export const FREQUENCY_LLDS = [
  'F0semitoneFrom27.5Hz',
  'jitterLocal',
  'shimmerLocaldB',
  'HNRdBACF',
  'logRelF0-H1-H2',
  'logRelF0-H1-A3',
  'F1frequency',
  'F1bandwidth',
  'F1amplitudeLogRelF0',
  'F2frequency',
  'F2bandwidth',
  'F2amplitudeLogRelF0',
  'F3frequency',
  'F3bandwidth',
  'F3amplitudeLogRelF0',
] as const;

/** The raw descriptors in analysis order: the 25 LLDs. */
export const EGEMAPS_LLDS: readonly string[] = [...ENERGY_SPECTRAL_LLDS, ...FREQUENCY_LLDS];

/** Column names of `egemaps-lld`, as SMILExtract's eGeMAPSv02.conf writes them. */
export const EGEMAPS_LLD_NAMES: readonly string[] = [
  ...ENERGY_SPECTRAL_LLDS.map((n) => `${n}_sma3`),
  ...FREQUENCY_LLDS.map((n) => `${n}_sma3nz`),
];

/** Index of an LLD in EGEMAPS_LLDS. */
export function lldIndex(name: string): number {
  const i = EGEMAPS_LLDS.indexOf(name);
  if (i < 0) throw new Error(`unknown eGeMAPS LLD ${name}`);
  return i;
}
