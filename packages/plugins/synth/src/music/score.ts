import type { Random } from '@emotrans/core';
import type { Trajectory } from '../trajectory';
import { INSTRUMENTS, type Instrument } from './instruments';

/** One note to render. */
export interface NoteEvent {
  readonly start: number;
  readonly duration: number;
  readonly midi: number;
  /** RMS level, dB re full scale. */
  readonly levelDb: number;
  /** Spectral tilt of the note's harmonics (larger = duller). */
  readonly tilt: number;
  /** Attack time, seconds. */
  readonly attack: number;
  readonly instrument: Instrument;
}

/** What makes one piece itself: timbres, key, pace and mix level. */
export interface Piece {
  readonly melody: Instrument;
  readonly accompaniment: Instrument;
  /** MIDI note of the tonic in the middle register. */
  readonly tonic: number;
  /** Notes per second at neutral arousal. */
  readonly pace: number;
  /** Mix level offset, dB. */
  readonly gainDb: number;
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];

export function randomPiece(index: number, random: Random): Piece {
  return {
    melody: INSTRUMENTS[index % INSTRUMENTS.length],
    accompaniment: INSTRUMENTS[(index + 2 + random.int(INSTRUMENTS.length - 1)) % INSTRUMENTS.length],
    tonic: 57 + random.int(8),
    pace: 1.6 + 0.8 * random.next(),
    gainDb: 4 * (random.next() - 0.5),
  };
}

/**
 * The notes of a piece whose expression follows the arousal and valence trajectories, with the cues music
 * psychology associates with them: arousal → tempo (note rate), loudness, brightness, faster attacks and
 * more detached articulation; valence → major/minor mode and higher register (arousal raises register
 * a little too). A melody moves stepwise in the current mode; a softer triad accompanies it every four
 * melody notes.
 */
export function composeScore(piece: Piece, arousal: Trajectory, valence: Trajectory, seconds: number, random: Random): NoteEvent[] {
  const notes: NoteEvent[] = [];
  let degree = random.int(5);
  let t = 0.05;
  let beat = 0;
  let minor = valence(0) < 0;
  while (t < seconds - 0.3) {
    const a = arousal(t);
    const v = valence(t);
    // Hysteresis keeps the mode from flickering while valence hovers around 0.
    if (minor && v > 0.1) minor = false;
    else if (!minor && v < -0.1) minor = true;
    const scale = minor ? MINOR : MAJOR;
    const rate = piece.pace * 2 ** (1.1 * a);
    const ioi = (1 / rate) * [1, 1, 1, 0.5, 2][random.int(5)] * (1 + 0.04 * random.normal());
    const register = piece.tonic + Math.round(8 * v + 3 * a);
    degree = Math.max(-4, Math.min(10, degree + [-2, -1, -1, 0, 1, 1, 2][random.int(7)]));
    const octave = Math.floor(degree / 7);
    const midi = register + 12 * octave + scale[degree - 7 * octave];
    const tilt = Math.max(0, 1.3 - 1.1 * a + 0.1 * random.normal());
    const attackScale = 1.2 - 0.5 * (a + 1);
    const articulation = 0.95 - 0.22 * (a + 1);
    const levelDb = -25 + 12 * a + piece.gainDb + 1.5 * random.normal();
    notes.push({ start: t, duration: ioi * articulation, midi, levelDb, tilt, attack: piece.melody.attack * attackScale, instrument: piece.melody });
    if (beat % 4 === 0) {
      const span = 4 / rate;
      const root = register - 12;
      // Negative valence also sounds rougher: a clashing semitone above the third, more often the lower it is.
      const clash = random.next() < -1.2 * v;
      for (const interval of clash ? [scale[0], scale[2], scale[2] + 1, scale[4]] : [scale[0], scale[2], scale[4]]) {
        notes.push({
          start: t,
          duration: span * 0.95,
          midi: root - scale[0] + interval,
          levelDb: levelDb - 9,
          tilt: tilt + 0.3,
          attack: piece.accompaniment.attack * attackScale,
          instrument: piece.accompaniment,
        });
      }
    }
    beat++;
    t += ioi;
  }
  return notes;
}
