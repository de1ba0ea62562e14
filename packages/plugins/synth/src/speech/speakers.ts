/** A synthetic talker: what stays the same across one speaker's recordings. */
export interface Speaker {
  readonly id: string;
  /** Median F0 at neutral arousal and valence, Hz. */
  readonly f0: number;
  /** Formant frequencies relative to the reference (adult male) vowels: shorter vocal tract = higher. */
  readonly formantScale: number;
  /** Syllables per second at neutral arousal. */
  readonly rate: number;
  /** Level offset, dB. */
  readonly gainDb: number;
  /** Extra aspiration noise (0 = none). */
  readonly breathiness: number;
}

/** Six speakers: three lower-pitched (longer vocal tract), three higher-pitched. */
export const SPEAKERS: readonly Speaker[] = [
  { id: 'spk1', f0: 108, formantScale: 1.0, rate: 4.2, gainDb: 0, breathiness: 0.02 },
  { id: 'spk2', f0: 205, formantScale: 1.17, rate: 4.6, gainDb: -1.5, breathiness: 0.05 },
  { id: 'spk3', f0: 125, formantScale: 1.04, rate: 3.8, gainDb: 1.5, breathiness: 0.0 },
  { id: 'spk4', f0: 232, formantScale: 1.2, rate: 4.0, gainDb: 0.5, breathiness: 0.03 },
  { id: 'spk5', f0: 96, formantScale: 0.96, rate: 4.4, gainDb: -1, breathiness: 0.04 },
  { id: 'spk6', f0: 185, formantScale: 1.12, rate: 4.9, gainDb: 1, breathiness: 0.01 },
];

/**
 * Four other speakers for the unlabelled pool (as SEMAINE's speakers are not RECOLA's), so a transfer
 * method fitted on the pool never hears a test speaker.
 */
export const POOL_SPEAKERS: readonly Speaker[] = [
  { id: 'pool1', f0: 116, formantScale: 1.02, rate: 4.3, gainDb: 0.5, breathiness: 0.03 },
  { id: 'pool2', f0: 220, formantScale: 1.15, rate: 4.5, gainDb: -0.5, breathiness: 0.02 },
  { id: 'pool3', f0: 101, formantScale: 0.98, rate: 4.0, gainDb: 1, breathiness: 0.01 },
  { id: 'pool4', f0: 196, formantScale: 1.18, rate: 4.7, gainDb: -1, breathiness: 0.04 },
];

/** Reference vowel formants F1-F4 (Hz) of an adult male (Peterson & Barney averages). */
export const VOWELS: readonly (readonly [number, number, number, number])[] = [
  [730, 1090, 2440, 3400], // a
  [530, 1840, 2480, 3500], // e
  [270, 2290, 3010, 3600], // i
  [570, 840, 2410, 3300], // o
  [300, 870, 2240, 3300], // u
  [660, 1720, 2410, 3400], // ae
];
