import { createRandom, type Traces } from '@emotrans/core';
import { annotate, annotationTraces } from './annotations';
import { composeScore, randomPiece } from './music/score';
import { renderMusic } from './music/render-music';
import { planSpeech } from './speech/prosody';
import { renderSpeech } from './speech/render-speech';
import { renderEspeak } from './speech/espeak-voice';
import { POOL_SPEAKERS, SPEAKERS } from './speech/speakers';
import { randomTrajectory, type Trajectory } from './trajectory';

export type SynthDomain = 'music' | 'speech';

/** What shapes the audio of a generated sequence (and so its cache folder). */
export interface AudioSettings {
  readonly domain: SynthDomain;
  readonly seed: number;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  readonly sampleRate: number;
  /** Number of distinct speakers (speech) that sequences cycle through. */
  readonly speakers: number;
  /** Speech only: the built-in formant voice, or espeak-ng (with its version, which shapes the audio). */
  readonly voice: 'formant' | { readonly espeak: string };
}

/** What shapes the annotations. */
export interface AnnotationSettings {
  readonly raters: number;
  readonly reactionLag: number;
  readonly raterNoise: number;
}

/** One generated sequence before rendering: its identity, true emotion and how to render it. */
export interface PlannedSequence {
  readonly id: string;
  /** Piece (music) or speaker (speech): the cross-validation group. */
  readonly group: string;
  readonly seconds: number;
  readonly arousal: Trajectory;
  readonly valence: Trajectory;
  /** Renders the audio (deterministic: same settings and index → same samples). */
  render(): Promise<Float32Array>;
  /** Rater-panel gold standard at 1 Hz. */
  annotate(settings: AnnotationSettings): Traces;
}

/**
 * Plans sequence `index` of the labelled or unlabelled pool. Everything random comes from a fork of the
 * seed labelled by domain, pool and index, so a sequence is the same whatever the pool sizes.
 */
export function planSequence(settings: AudioSettings, pool: 'labelled' | 'unlabelled', index: number): PlannedSequence {
  const { domain, sampleRate } = settings;
  const random = createRandom(settings.seed).fork(`${domain}/${pool}/${index}`);
  const seconds = Math.round(settings.minSeconds + (settings.maxSeconds - settings.minSeconds) * random.fork('duration').next());
  const arousal = randomTrajectory(random.fork('arousal'), { seconds });
  const valence = randomTrajectory(random.fork('valence'), { seconds });
  const number = String(index + 1).padStart(3, '0');
  const prefix = pool === 'labelled' ? domain : `${domain}-unlabelled`;
  const noiseSeed = random.fork('noise').int(2 ** 32);
  const annotateWith = (annotation: AnnotationSettings) =>
    annotationTraces(
      annotate(arousal, random.fork('annotation/arousal'), { seconds, rate: 1, ...annotation }),
      annotate(valence, random.fork('annotation/valence'), { seconds, rate: 1, ...annotation }),
      1,
    );
  if (domain === 'music') {
    const id = `${prefix}-${number}`;
    const piece = randomPiece(index + (pool === 'labelled' ? 0 : 3), random.fork('piece'));
    return {
      id,
      group: id,
      seconds,
      arousal,
      valence,
      render: async () => renderMusic(composeScore(piece, arousal, valence, seconds, random.fork('score')), seconds, sampleRate, noiseSeed),
      annotate: annotateWith,
    };
  }
  const speakerIndex = pool === 'labelled' ? index % Math.min(settings.speakers, SPEAKERS.length) : SPEAKERS.length + (index % POOL_SPEAKERS.length);
  const speaker = pool === 'labelled' ? SPEAKERS[speakerIndex] : POOL_SPEAKERS[speakerIndex - SPEAKERS.length];
  return {
    id: `${prefix}-${speaker.id}-${number}`,
    group: speaker.id,
    seconds,
    arousal,
    valence,
    render: async () =>
      settings.voice === 'formant'
        ? renderSpeech(speaker, planSpeech(speaker, arousal, seconds, random.fork('prosody')), arousal, valence, seconds, sampleRate, noiseSeed)
        : renderEspeak(speaker, speakerIndex, arousal, valence, seconds, sampleRate, random.fork('espeak'), noiseSeed),
    annotate: annotateWith,
  };
}
