import { WhiteNoise } from '../noise';
import type { NoteEvent } from './score';
import { TABLE_SIZE, WavetableBank } from './wavetables';

// Module-level copies: global lookups are slow in hot loops inside vm sandboxes (jest, notebooks).
const { PI, SQRT2, abs, exp, max, min, round, sign, sin, sqrt, tanh } = Math;

const RELEASE = 0.06;

/**
 * Renders notes by wavetable additive synthesis into `seconds` of mono audio: each note reads its table with
 * a phase accumulator (with vibrato when the instrument has it) under an attack / (decay) / release
 * envelope. A -70 dB noise floor keeps silent stretches from being digital zero; a soft limiter (tanh above
 * 0.9) prevents clipping.
 */
export function renderMusic(notes: readonly NoteEvent[], seconds: number, sampleRate: number, noiseSeed: number): Float32Array {
  const out = new Float32Array(round(seconds * sampleRate));
  const bank = new WavetableBank();
  const vibratoStep = (2 * PI * 5.5) / sampleRate;
  for (const note of notes) {
    const frequency = 440 * 2 ** ((note.midi - 69) / 12);
    const table = bank.get(note.instrument, note.tilt, frequency, sampleRate);
    // RMS level → peak amplitude of a unit-RMS-normalised table (sqrt 2).
    const amplitude = SQRT2 * 10 ** (note.levelDb / 20);
    const first = round(note.start * sampleRate);
    const held = round(note.duration * sampleRate);
    const last = min(out.length, first + held + round(RELEASE * sampleRate));
    const attack = max(1, round(note.attack * sampleRate));
    const decayPerSample = note.instrument.decay > 0 ? exp(-1 / (note.instrument.decay * sampleRate)) : 1;
    const releasePerSample = 1 / (RELEASE * sampleRate);
    const increment = (frequency / sampleRate) * TABLE_SIZE;
    const vibrato = note.instrument.vibrato;
    let phase = 0;
    let decay = 1;
    let release = 1;
    for (let n = first, i = 0; n < last; n++, i++) {
      const position = phase | 0;
      const fraction = phase - position;
      const value = table[position] + fraction * (table[position + 1] - table[position]);
      const rise = i < attack ? i / attack : 1;
      if (i >= held) release = max(0, release - releasePerSample);
      out[n] += amplitude * rise * decay * release * value;
      decay *= decayPerSample;
      phase += vibrato > 0 ? increment * (1 + vibrato * sin(vibratoStep * i)) : increment;
      if (phase >= TABLE_SIZE) phase -= TABLE_SIZE;
    }
  }
  const noise = new WhiteNoise(noiseSeed);
  const floor = 10 ** (-70 / 20) * sqrt(3);
  for (let n = 0; n < out.length; n++) {
    let x = out[n] + floor * noise.next();
    const magnitude = abs(x);
    if (magnitude > 0.9) x = sign(x) * (0.9 + 0.1 * tanh((magnitude - 0.9) / 0.1));
    out[n] = x;
  }
  return out;
}
