import { createTraces, regularTimes, type Corpus, type SequenceSource } from '@emotrans/core';
import { smoothTrajectory } from './trajectory';

export interface ToyCorpusOptions {
  domain: 'music' | 'speech';
  sequences: number;
  unlabelled: number;
  seconds: number;
  sampleRate: number;
}

/**
 * Tones whose loudness follows arousal and whose pitch follows valence, both known exactly:
 * level in dB = -20 + 15 * arousal (music) or -24 + 10 * arousal (speech);
 * pitch = 440 * 2^(valence / 2) Hz for music (a sine), 150 * 2^(valence / 2) Hz for speech (a buzzy
 * square wave with a 4 Hz syllable envelope). Labels are the trajectories at 1 Hz, without noise.
 */
export const toyCorpus: Corpus<ToyCorpusOptions> = {
  manifest: {
    id: 'toy',
    kind: 'corpus',
    description: 'Generated tones with exactly known arousal/valence coding (walking skeleton)',
    version: '1',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        domain: { enum: ['music', 'speech'], default: 'music' },
        sequences: { type: 'integer', minimum: 2, default: 6 },
        unlabelled: { type: 'integer', minimum: 0, default: 2 },
        seconds: { type: 'integer', minimum: 2, default: 20 },
        sampleRate: { type: 'integer', minimum: 1000, default: 8000 },
      },
    },
  },
  async load(options, context) {
    const make = (index: number, labelled: boolean): SequenceSource => {
      const random = context.random.fork(`toy/${options.domain}/${labelled ? 'l' : 'u'}${index}`);
      const arousal = smoothTrajectory(random);
      const valence = smoothTrajectory(random);
      const { sampleRate, seconds, domain } = options;
      const samples = new Float32Array(seconds * sampleRate);
      let phase = 0;
      for (let i = 0; i < samples.length; i++) {
        const t = i / sampleRate;
        const music = domain === 'music';
        const levelDb = music ? -20 + 15 * arousal(t) : -24 + 10 * arousal(t);
        const pitch = (music ? 440 : 150) * 2 ** (valence(t) / 2);
        phase += (2 * Math.PI * pitch) / sampleRate;
        const carrier = music ? Math.sin(phase) : Math.tanh(4 * Math.sin(phase));
        const envelope = music ? 1 : 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
        samples[i] = 10 ** (levelDb / 20) * Math.SQRT2 * envelope * carrier;
      }
      const id = `${domain}-${labelled ? '' : 'unlabelled-'}${String(index + 1).padStart(2, '0')}`;
      const times = regularTimes(seconds + 1, 1);
      return {
        id,
        domain,
        group: id,
        audio: { kind: 'memory', signal: { samples, sampleRate, origin: `toy:${id}` }, key: `toy-v1:${random.seed}:${seconds}:${sampleRate}:${domain}` },
        labels: labelled ? createTraces(times, Float32Array.from(times, arousal), Float32Array.from(times, valence)) : undefined,
      };
    };
    return {
      domain: options.domain,
      labelled: Array.from({ length: options.sequences }, (_, i) => make(i, true)),
      unlabelled: Array.from({ length: options.unlabelled }, (_, i) => make(i, false)),
    };
  },
};
