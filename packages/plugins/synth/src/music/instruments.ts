/** A timbre for additive synthesis: a harmonic amplitude profile and an envelope shape. */
export interface Instrument {
  readonly name: string;
  /** Relative amplitude of harmonics 1, 2, 3, ... before the brightness tilt. */
  readonly harmonics: readonly number[];
  /** Attack time, seconds (shortened at high arousal). */
  readonly attack: number;
  /** Exponential decay time constant of a struck or plucked note, seconds; 0 = sustained. */
  readonly decay: number;
  /** Vibrato depth as a fraction of frequency (at 5.5 Hz); 0 = none. */
  readonly vibrato: number;
}

const profile = (count: number, amplitude: (k: number) => number) => Array.from({ length: count }, (_, i) => amplitude(i + 1));

/** Five timbres spanning dull to bright, sustained to percussive. */
export const INSTRUMENTS: readonly Instrument[] = [
  { name: 'flute', harmonics: [1, 0.35, 0.14, 0.06, 0.03, 0.015], attack: 0.06, decay: 0, vibrato: 0.003 },
  { name: 'clarinet', harmonics: profile(15, (k) => (k % 2 === 1 ? 1 / k : 0.05 / k)), attack: 0.04, decay: 0, vibrato: 0 },
  { name: 'strings', harmonics: profile(20, (k) => 1 / k), attack: 0.09, decay: 0, vibrato: 0.004 },
  { name: 'piano', harmonics: profile(16, (k) => 1 / k ** 1.3), attack: 0.005, decay: 0.7, vibrato: 0 },
  { name: 'guitar', harmonics: profile(12, (k) => Math.abs(Math.sin((Math.PI * k) / 5)) / k), attack: 0.004, decay: 0.45, vibrato: 0 },
];
