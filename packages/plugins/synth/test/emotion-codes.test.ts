/**
 * The acoustic codes the generator promises, checked on its plans with emotion held constant: the rate of
 * events (notes, syllables) rises with arousal in both domains by the stated factors, and music at
 * negative valence is in minor mode with lower register.
 */
import { createRandom } from '@emotrans/core';
import { composeScore, randomPiece } from '../src/music/score';
import { planSpeech } from '../src/speech/prosody';
import { SPEAKERS } from '../src/speech/speakers';

const constant = (value: number) => () => value;
const SECONDS = 600;

describe('event rate codes arousal in both domains', () => {
  it('music: melody notes per second scale by 2^(1.1 a) (ratio 2^(1.1 * 1.6) = 3.4 between a = ±0.8)', () => {
    const piece = randomPiece(0, createRandom(1));
    const rate = (a: number) => {
      // Chords start with a melody note, so distinct onsets count the melody notes.
      const notes = composeScore(piece, constant(a), constant(0.5), SECONDS, createRandom(2));
      return new Set(notes.map((n) => n.start)).size / SECONDS;
    };
    const ratio = rate(0.8) / rate(-0.8);
    expect(ratio).toBeGreaterThan(2.9);
    expect(ratio).toBeLessThan(4);
  });

  it('speech: syllables per second scale by 2^(0.45 a) (ratio 1.65 between a = ±0.8)', () => {
    const rate = (a: number) => {
      const phrases = planSpeech(SPEAKERS[0], constant(a), SECONDS, createRandom(3));
      const syllables = phrases.reduce((n, p) => n + p.syllables.length, 0);
      const speaking = phrases.reduce((s, p) => s + (p.end - p.start), 0);
      return syllables / speaking;
    };
    const ratio = rate(0.8) / rate(-0.8);
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(1.8);
  });
});

describe('valence codes in music', () => {
  const piece = randomPiece(1, createRandom(4));
  const melody = (v: number) => composeScore(piece, constant(0), constant(v), 200, createRandom(5)).map((n) => n.midi);

  it('positive valence plays higher (8 semitones per unit of valence, on average)', () => {
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const shift = mean(melody(0.5)) - mean(melody(-0.5));
    expect(shift).toBeGreaterThan(6);
    expect(shift).toBeLessThan(10);
  });

  it('negative valence is in minor mode: the pitch classes above the tonic include 3, not 4', () => {
    const classes = (v: number) => {
      const register = piece.tonic + Math.round(8 * v);
      return new Set(melody(v).filter((m) => m >= register - 24).map((m) => (((m - register) % 12) + 12) % 12));
    };
    expect(classes(0.5).has(4)).toBe(true);
    expect(classes(0.5).has(3)).toBe(false);
    expect(classes(-0.5).has(3)).toBe(true);
  });
});
