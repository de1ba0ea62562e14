import { BadInputError, createTraces, type CorpusData, type SequenceSource } from '@emotrans/core';
import { wavDuration, type AudioFile } from './audio-files';
import type { AnnotationSeries } from './series';

export type MissingAudioPolicy = 'error' | 'drop';

export interface AssembleInput {
  readonly corpus: string;
  readonly domain: string;
  readonly annotations: readonly AnnotationSeries[];
  readonly audio: readonly AudioFile[];
  /** Where the audio was looked for, for messages. */
  readonly audioDir: string;
  /** The annotations' original scale [min, max]; values are mapped linearly to [-1, 1]. */
  readonly scale: readonly [number, number];
  /** What to do with annotations whose audio is missing. */
  readonly missingAudio: MissingAudioPolicy;
  /** The group of a sequence, when its annotations do not name one. */
  readonly groupOf: (id: string, audio: AudioFile) => string;
  /** Audio files without annotations join the unlabelled pool (otherwise they are only reported). */
  readonly unmatchedAudioAsUnlabelled?: boolean;
  /** Further unlabelled audio (e.g. an `unlabelledDir`). */
  readonly extraUnlabelled?: readonly AudioFile[];
  /** Loader-specific report fields. */
  readonly report?: Record<string, unknown>;
}

const LISTED = 20;
const listed = (ids: readonly string[]) => ({ count: ids.length, ids: ids.slice(0, LISTED), more: Math.max(0, ids.length - LISTED) });

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * What every loader does once it has read annotations and listed audio: matches them by id, rescales the
 * labels to [-1, 1] (clipping — and counting — values outside the declared scale), drops annotation points
 * past the end of WAV audio, and reports everything unmatched, dropped, clipped or truncated.
 */
export function assembleCorpus(input: AssembleInput): CorpusData {
  const [low, high] = input.scale;
  if (!(high > low)) throw new BadInputError(`${input.corpus}: scale [${low}, ${high}] is empty (max must exceed min)`);
  const audioById = new Map(input.audio.map((a) => [a.id, a]));
  const annotated = new Set<string>();
  const labelled: SequenceSource[] = [];
  const unmatchedAnnotations: string[] = [];
  const dropped: { id: string; reason: string }[] = [];
  const truncated: { id: string; points: number; audioSeconds: number }[] = [];
  const steps: number[] = [];
  let clipped = 0;
  let durationsChecked = 0;
  const rescale = (x: number) => {
    const y = (2 * (x - low)) / (high - low) - 1;
    if (y < -1 - 1e-6 || y > 1 + 1e-6) clipped++;
    return Math.max(-1, Math.min(1, y));
  };
  for (const series of input.annotations) {
    if (annotated.has(series.id)) throw new BadInputError(`line ${series.line}: '${series.id}' is annotated twice`, series.file);
    annotated.add(series.id);
    const audio = audioById.get(series.id);
    if (!audio) {
      if (input.missingAudio === 'error') {
        throw new BadInputError(
          `line ${series.line}: no audio file for '${series.id}' in ${input.audioDir} (set missingAudio: "drop" to skip such items)`,
          series.file,
        );
      }
      unmatchedAnnotations.push(series.id);
      continue;
    }
    // A file with fewer than two points is broken (truncated, or its values unreadable), not a short item:
    // stop rather than quietly leave the item out.
    if (series.times.length < 2) {
      throw new BadInputError(
        `line ${series.line}: '${series.id}' has ${series.times.length === 0 ? 'no annotation point' : 'a single annotation point'} (a trace needs at least 2)`,
        series.file,
      );
    }
    let count = series.times.length;
    const duration = wavDuration(audio.path);
    if (duration !== undefined) {
      durationsChecked++;
      // Annotation points past the end of the audio have nothing to describe.
      while (count > 0 && series.times[count - 1] > duration + 1e-6) count--;
      if (count < series.times.length) truncated.push({ id: series.id, points: series.times.length - count, audioSeconds: duration });
    }
    if (count < 2) {
      dropped.push({ id: series.id, reason: count === 0 ? 'no annotation point within the audio' : 'a single annotation point within the audio' });
      continue;
    }
    const times = Float64Array.from(series.times.slice(0, count));
    for (let i = 1; i < count; i++) steps.push(times[i] - times[i - 1]);
    labelled.push({
      id: series.id,
      domain: input.domain,
      group: series.group ?? input.groupOf(series.id, audio),
      audio: { kind: 'file', path: audio.path },
      labels: createTraces(
        times,
        Float32Array.from(series.arousal.slice(0, count), rescale),
        Float32Array.from(series.valence.slice(0, count), rescale),
      ),
    });
  }
  const unmatchedAudio = input.audio.filter((a) => !annotated.has(a.id));
  const unlabelledFiles = [...(input.unmatchedAudioAsUnlabelled ? unmatchedAudio : []), ...(input.extraUnlabelled ?? [])];
  const unlabelled: SequenceSource[] = unlabelledFiles.map((a) => ({
    id: a.id,
    domain: input.domain,
    group: a.folder || a.id,
    audio: { kind: 'file', path: a.path },
  }));
  const step = median(steps);
  return {
    domain: input.domain,
    labelled,
    unlabelled,
    report: {
      corpus: input.corpus,
      ...input.report,
      audioDir: input.audioDir,
      originalScale: [low, high],
      rescaledTo: [-1, 1],
      rescale: low === -1 && high === 1 ? 'none' : `y = 2 (x - ${low}) / (${high} - ${low}) - 1`,
      annotationRate: step ? Math.round(1000 / step) / 1000 : undefined,
      labelled: labelled.length,
      groups: new Set(labelled.map((s) => s.group)).size,
      unlabelled: unlabelled.length,
      unmatchedAnnotations: listed(unmatchedAnnotations),
      unmatchedAudio: { ...listed(unmatchedAudio.map((a) => a.id)), usedAsUnlabelled: Boolean(input.unmatchedAudioAsUnlabelled) },
      dropped,
      clippedValues: clipped,
      truncated,
      durationsChecked: `${durationsChecked} of ${labelled.length + dropped.length} (WAV headers only)`,
    },
  };
}
