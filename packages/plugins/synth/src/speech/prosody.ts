import type { Random } from '@emotrans/core';
import type { Trajectory } from '../trajectory';
import { VOWELS, type Speaker } from './speakers';

export type Onset = 'none' | 'fricative' | 'plosive';

/** One syllable of the plan: an optional noisy onset, then a voiced vowel. */
export interface Syllable {
  readonly start: number;
  readonly duration: number;
  readonly onset: Onset;
  /** Formants F1-F4 of the vowel for this speaker, Hz. */
  readonly formants: readonly [number, number, number, number];
  readonly stressed: boolean;
}

/** A breath group: syllables spoken on one F0 declination line, followed by a pause. */
export interface Phrase {
  readonly start: number;
  readonly end: number;
  readonly syllables: readonly Syllable[];
}

/**
 * Plans what is said: phrases of 1.2-3.7 s separated by pauses, syllables at a rate that rises with arousal
 * (about 0.7x-1.35x of the speaker's rate), pauses shorter at high arousal and more stressed syllables.
 */
export function planSpeech(speaker: Speaker, arousal: Trajectory, seconds: number, random: Random): Phrase[] {
  const phrases: Phrase[] = [];
  let t = 0.15 + 0.3 * random.next();
  while (t < seconds - 0.6) {
    const a = arousal(t);
    const length = Math.min(1.2 + 2.5 * random.next(), seconds - 0.2 - t);
    const syllables: Syllable[] = [];
    let s = t;
    while (s < t + length) {
      const rate = speaker.rate * 2 ** (0.45 * arousal(s));
      const duration = (1 / rate) * (0.75 + 0.5 * random.next());
      if (s + duration > seconds - 0.1) break;
      const roll = random.next();
      const vowel = VOWELS[random.int(VOWELS.length)];
      syllables.push({
        start: s,
        duration,
        onset: roll < 0.45 ? 'fricative' : roll < 0.65 ? 'plosive' : 'none',
        formants: vowel.map((f) => f * speaker.formantScale) as unknown as [number, number, number, number],
        stressed: random.next() < 0.25 + 0.15 * a,
      });
      s += duration;
    }
    if (syllables.length > 0) phrases.push({ start: t, end: s, syllables });
    const pause = (0.25 + 0.55 * random.next()) * (1.25 - 0.3 * (a + 1));
    t = s + pause;
  }
  return phrases;
}
