import { WhiteNoise } from '../noise';
import type { Trajectory } from '../trajectory';
import type { Phrase, Syllable } from './prosody';
import { Resonator } from './resonator';
import type { Speaker } from './speakers';

// Module-level copies: global lookups are slow in hot loops inside vm sandboxes (jest, notebooks).
const { PI, abs, cos, exp, max, min, round, sign, sin, sqrt, tanh } = Math;

/** Parameters are updated once per block of this many samples (2 ms at 16 kHz). */
const BLOCK = 32;
/** Brings the formant cascade's output to about the intended RMS level (measured on neutral speech). */
const CALIBRATION = 0.075;
const BANDWIDTHS = [70, 100, 160, 220];

/** Rosenberg glottal flow over one period, phase p in [0, 1), open for the first `openQuotient`. */
function glottalFlow(p: number, openQuotient: number): number {
  const rise = 0.62 * openQuotient;
  if (p < rise) return 0.5 * (1 - cos((PI * p) / rise));
  if (p < openQuotient) return cos((0.5 * PI * (p - rise)) / (openQuotient - rise));
  return 0;
}

/**
 * A source-filter voice. The glottal source (differentiated Rosenberg pulses, plus aspiration noise in the
 * open phase) passes a one-pole spectral-tilt filter and a cascade of four formant resonators moving from
 * vowel to vowel; fricative and plosive onsets are shaped noise. Emotion acts on the same cues as in the
 * music: arousal raises loudness, speech rate (in the plan), pitch level and range, and flattens the
 * spectral tilt (more pressed, less breathy voice); valence raises pitch level and range a little, raises
 * F1-F2 (smile) and, when negative, roughens the voice (jitter, shimmer) as dissonance roughens the music.
 */
export function renderSpeech(
  speaker: Speaker,
  phrases: readonly Phrase[],
  arousal: Trajectory,
  valence: Trajectory,
  seconds: number,
  sampleRate: number,
  noiseSeed: number,
): Float32Array {
  const out = new Float32Array(round(seconds * sampleRate));
  const noise = new WhiteNoise(noiseSeed);
  const formants = BANDWIDTHS.map(() => new Resonator());
  const frication = new Resonator();
  let phase = 0;
  let previousFlow = 0;
  let tiltState = 0;
  let jitter = 1;
  let shimmer = 1;
  let roughness = 0;
  let previousFormants: readonly number[] = [500, 1500, 2500, 3500].map((f) => f * speaker.formantScale);

  for (const phrase of phrases) {
    for (let k = 0; k < phrase.syllables.length; k++) {
      const syllable = phrase.syllables[k];
      const first = round(syllable.start * sampleRate);
      const last = min(out.length, round((syllable.start + syllable.duration) * sampleRate));
      const onsetLength = onsetSeconds(syllable);
      const vowelStart = first + round(onsetLength * sampleRate);
      const vowelLength = max(1, last - vowelStart);
      let f0 = speaker.f0;
      let openQuotient = 0.6;
      let tilt = 0.5;
      let breath = 0;
      let amplitude = 0;
      let fricationAmplitude = 0;
      let smile = 1;
      for (let n = first; n < last; n++) {
        const i = n - first;
        if (i % BLOCK === 0) {
          const t = n / sampleRate;
          const a = arousal(t);
          const v = valence(t);
          const along = (t - phrase.start) / max(0.1, phrase.end - phrase.start);
          const u = (t - syllable.start) / syllable.duration;
          const range = max(0.5, 1.5 + (a + 1) + 0.8 * v);
          const accent = syllable.stressed ? range * sin(PI * u) : 0;
          const semitones = 4 * a + 2 * v + 1.5 - 3 * along + accent;
          f0 = speaker.f0 * 2 ** (semitones / 12);
          openQuotient = max(0.4, min(0.8, 0.62 - 0.14 * a));
          tilt = max(0.05, min(0.85, 0.45 - 0.3 * a));
          breath = speaker.breathiness + 0.07 * (1 - a) * 0.5;
          // Negative valence: a rougher voice (period-to-period jitter and shimmer); positive: a smile
          // shortens the vocal tract, raising F1 and F2.
          roughness = 0.025 * max(0, -v);
          smile = 1 + 0.06 * v;
          const levelDb = -25 + 10 * a + speaker.gainDb + (syllable.stressed ? 3 : 0);
          amplitude = CALIBRATION * 10 ** (levelDb / 20);
          fricationAmplitude = 0.6 * 10 ** ((levelDb - 6) / 20);
          // Coarticulation: formants glide from the previous vowel over the first 40 % of this one.
          const glide = max(0, min(1, (n - vowelStart) / (0.4 * vowelLength)));
          for (let f = 0; f < 4; f++) {
            const frequency = (previousFormants[f] + glide * (syllable.formants[f] - previousFormants[f])) * (f < 2 ? smile : 1);
            formants[f].tune(frequency, BANDWIDTHS[f] * (1 + 4 * breath), sampleRate);
          }
          frication.tune(4200 * speaker.formantScale, 2500, sampleRate);
        }
        let voiced = 0;
        let unvoiced = 0;
        if (n >= vowelStart) {
          const u = (n - vowelStart) / vowelLength;
          const envelope = u < 0.2 ? 0.5 - 0.5 * cos((PI * u) / 0.2) : u > 0.7 ? 0.5 + 0.5 * cos((PI * (u - 0.7)) / 0.3) : 1;
          phase += (f0 * jitter) / sampleRate;
          if (phase >= 1) {
            phase -= 1;
            jitter = 1 + (0.006 + roughness) * noise.next();
            shimmer = 1 + 6 * roughness * noise.next();
          }
          const flow = glottalFlow(phase, openQuotient);
          const source = ((flow - previousFlow) * sampleRate) / f0;
          previousFlow = flow;
          const aspiration = breath * noise.next() * (phase < openQuotient ? 1 : 0.3);
          tiltState = (1 - tilt) * (source + 4 * aspiration) + tilt * tiltState;
          voiced = amplitude * shimmer * envelope * tiltState;
        } else {
          unvoiced = fricationAmplitude * onsetEnvelope(syllable, (n - first) / sampleRate, onsetLength) * noise.next();
        }
        let y = voiced;
        for (let f = 0; f < 4; f++) y = formants[f].step(y);
        out[n] += y + frication.step(unvoiced);
      }
      previousFormants = syllable.formants;
    }
  }
  const floor = 10 ** (-65 / 20) * sqrt(3);
  for (let n = 0; n < out.length; n++) {
    const x = out[n] + floor * noise.next();
    out[n] = abs(x) > 0.9 ? sign(x) * (0.9 + 0.1 * tanh((abs(x) - 0.9) / 0.1)) : x;
  }
  return out;
}

function onsetSeconds(syllable: Syllable): number {
  if (syllable.onset === 'fricative') return min(0.35 * syllable.duration, 0.09);
  if (syllable.onset === 'plosive') return min(0.3 * syllable.duration, 0.035);
  return 0;
}

/** Fricatives swell and fade; plosives are a closure (silence) then a short decaying burst. */
function onsetEnvelope(syllable: Syllable, time: number, length: number): number {
  if (syllable.onset === 'fricative') return sin((PI * time) / length);
  const closure = 0.6 * length;
  return time < closure ? 0 : 2 * exp(-(time - closure) / 0.004);
}
