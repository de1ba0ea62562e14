import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, encodeWav16, writeFileAtomic, yieldToEvents, type Corpus, type SequenceSource } from '@emotrans/core';
import { espeakVersion } from './speech/espeak-voice';
import { planSequence, type AudioSettings, type SynthDomain } from './generate-sequence';
import { SPEAKERS } from './speech/speakers';

export interface SynthCorpusOptions {
  domain: SynthDomain;
  sequences: number;
  unlabelled: number;
  minSeconds: number;
  maxSeconds: number;
  sampleRate: number;
  speakers: number;
  raters: number;
  reactionLag: number;
  raterNoise: number;
  /** Fixes the corpus whatever the experiment's seed; by default it derives from the run's random. */
  seed?: number;
  /** Speech: the built-in source-filter voice, or real synthetic speech from espeak-ng. */
  voice: 'formant' | 'espeak';
}

/** Bumped whenever generated audio changes for the same settings; part of the cache folder name. */
export const GENERATOR_VERSION = 3;

function requireEspeak(): string {
  const version = espeakVersion();
  if (!version) throw new BadInputError('emotrans-synth: voice "espeak" needs espeak-ng installed (apt-get install espeak-ng); voice "formant" needs nothing');
  return version;
}

/** The folder holding the WAV files generated for these settings. */
export function synthFolder(cacheDir: string, settings: AudioSettings): string {
  const hash = createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'emotrans-synth', `v${GENERATOR_VERSION}-${settings.domain}-${hash}`);
}

/**
 * emotrans-synth: generated music or speech whose emotion is carried by shared acoustic codes (loudness,
 * rate of events, brightness, pitch height), annotated at 1 Hz by a simulated rater panel. Audio is
 * rendered at first use into WAV files under the cache folder (written atomically) and reused after.
 */
export const synthCorpus: Corpus<SynthCorpusOptions> = {
  manifest: {
    id: 'emotrans-synth',
    kind: 'corpus',
    description: 'Generated music or speech (16 kHz) with emotion carried by shared acoustic codes, 1 Hz rater-panel labels',
    version: String(GENERATOR_VERSION),
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        domain: { enum: ['music', 'speech'], default: 'music' },
        sequences: { type: 'integer', minimum: 2, default: 24, description: 'labelled sequences' },
        unlabelled: { type: 'integer', minimum: 0, default: 12, description: 'unlabelled sequences (for the DAE)' },
        minSeconds: { type: 'number', minimum: 5, default: 30 },
        maxSeconds: { type: 'number', minimum: 5, default: 90 },
        sampleRate: { type: 'integer', minimum: 8000, maximum: 48000, default: 16000 },
        speakers: { type: 'integer', minimum: 1, maximum: SPEAKERS.length, default: SPEAKERS.length, description: 'speech: distinct speakers (the groups)' },
        raters: { type: 'integer', minimum: 1, default: 6 },
        reactionLag: { type: 'number', minimum: 0, default: 1.5, description: 'mean rater reaction lag, seconds' },
        raterNoise: { type: 'number', minimum: 0, default: 0.15, description: 'std of each rater’s slowly varying error' },
        seed: { type: 'integer', minimum: 0, description: 'fixed corpus seed (default: from the run seed)' },
        voice: { enum: ['formant', 'espeak'], default: 'formant', description: 'speech: built-in source-filter voice, or espeak-ng if installed' },
      },
    },
  },
  async load(options, context) {
    if (options.maxSeconds < options.minSeconds) {
      throw new Error(`emotrans-synth: maxSeconds (${options.maxSeconds}) is below minSeconds (${options.minSeconds})`);
    }
    const settings: AudioSettings = {
      domain: options.domain,
      seed: options.seed ?? context.random.seed,
      minSeconds: options.minSeconds,
      maxSeconds: options.maxSeconds,
      sampleRate: options.sampleRate,
      speakers: options.speakers,
      voice: options.domain === 'speech' && options.voice === 'espeak' ? { espeak: requireEspeak() } : 'formant',
    };
    const folder = synthFolder(context.cacheDir, settings);
    const annotation = { raters: options.raters, reactionLag: options.reactionLag, raterNoise: options.raterNoise };
    const plans = [
      ...Array.from({ length: options.sequences }, (_, i) => ({ plan: planSequence(settings, 'labelled', i), labelled: true })),
      ...Array.from({ length: options.unlabelled }, (_, i) => ({ plan: planSequence(settings, 'unlabelled', i), labelled: false })),
    ];
    const missing = plans.filter(({ plan }) => !fs.existsSync(path.join(folder, `${plan.id}.wav`)));
    if (missing.length > 0) {
      context.log(`emotrans-synth: generating ${missing.length} ${options.domain} files in ${folder}`);
      context.progress.begin(`generate ${options.domain}`, missing.length);
      for (const { plan } of missing) {
        await yieldToEvents(); // a corpus takes seconds to generate: Ctrl-C and SIGTERM are honoured between files
        writeFileAtomic(path.join(folder, `${plan.id}.wav`), encodeWav16(await plan.render(), settings.sampleRate));
        context.progress.tick(1, plan.id);
      }
      context.progress.end();
    }
    const source = (plan: (typeof plans)[number]['plan'], labelled: boolean): SequenceSource => ({
      id: plan.id,
      domain: options.domain,
      group: plan.group,
      audio: { kind: 'file', path: path.join(folder, `${plan.id}.wav`) },
      labels: labelled ? plan.annotate(annotation) : undefined,
    });
    const labelled = plans.filter((p) => p.labelled).map((p) => source(p.plan, true));
    const unlabelled = plans.filter((p) => !p.labelled).map((p) => source(p.plan, false));
    return {
      domain: options.domain,
      labelled,
      unlabelled,
      report: {
        generator: `emotrans-synth v${GENERATOR_VERSION}`,
        seed: settings.seed,
        folder,
        generatedNow: missing.length,
        sampleRate: settings.sampleRate,
        voice: settings.voice,
        labelRate: 1,
        originalScale: [-1, 1],
        rescaled: 'none (generated on [-1, 1])',
        annotation: { ...annotation, gold: 'mean of the simulated raters, clipped to [-1, 1]' },
        groups: new Set(labelled.map((s) => s.group)).size,
        labelledSeconds: plans.filter((p) => p.labelled).reduce((s, p) => s + p.plan.seconds, 0),
      },
    };
  },
};
