import path from 'node:path';
import type { JsonSchema } from '@emotrans/core';
import { listAudioFiles, type AudioFile } from './audio-files';

/** Option schemas every labelled loader shares. */
export const COMMON_OPTIONS: Record<string, JsonSchema> = {
  missingAudio: {
    enum: ['error', 'drop'],
    default: 'error',
    description: 'annotations without an audio file: stop with an error, or drop them (and report)',
  },
  unlabelledDir: { type: 'string', description: 'extra folder of audio (searched recursively) for the unlabelled pool (DAE)' },
};

/** A path option resolved against the corpus root (absolute paths stay as they are). */
export function under(root: string, relative: string): string {
  return path.resolve(root, relative);
}

/** The files of an optional `unlabelledDir`, ids prefixed so they cannot clash with labelled ones. */
export function extraUnlabelled(dir: string | undefined): AudioFile[] {
  if (!dir) return [];
  return listAudioFiles(path.resolve(dir), true).map((a) => ({ ...a, id: `unlabelled/${a.id}` }));
}

/** Numeric ids compare as numbers ('007' and '7' are the same song). */
export function normaliseId(id: string): string {
  return /^\d+$/.test(id) ? String(Number(id)) : id;
}
