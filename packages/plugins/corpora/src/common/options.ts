import path from 'node:path';
import { BadInputError, type JsonSchema } from '@emotrans/core';
import { listAudioFiles, type AudioFile } from './audio-files';

/** Option schemas every labelled loader shares. */
export const COMMON_OPTIONS: Record<string, JsonSchema> = {
  missingAudio: {
    enum: ['error', 'drop'],
    default: 'error',
    description: 'annotations without an audio file: stop with an error, or drop them (and report)',
  },
  unlabelledDir: { type: 'string', format: 'path', description: 'extra folder of audio (searched recursively) for the unlabelled pool (DAE)' },
  unlabelledPattern: { type: 'string', description: 'regular expression the relative path of an unlabelledDir file must match' },
};

/**
 * The option schema of a loader reading a corpus release folder: `root` (required; the other paths are
 * relative to it) first, then the loader's own options in the order given.
 */
export function releaseFolderOptions(folder: string, properties: Record<string, JsonSchema>): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['root'],
    properties: {
      root: { type: 'string', format: 'path', description: `${folder}; other paths are relative to it` },
      ...properties,
    },
  };
}

/** A path option resolved against the corpus root (absolute paths stay as they are). */
export function under(root: string, relative: string): string {
  return path.resolve(root, relative);
}

/**
 * The files of an optional `unlabelledDir` (those whose relative path matches `pattern`, e.g. only the user
 * microphone of SEMAINE sessions), ids prefixed so they cannot clash with labelled ones.
 */
export function extraUnlabelled(dir: string | undefined, pattern = ''): AudioFile[] {
  if (!dir) return [];
  let filter: RegExp;
  try {
    filter = new RegExp(pattern);
  } catch (error) {
    throw new BadInputError(`unlabelledPattern '${pattern}' is not a regular expression (${(error as Error).message})`);
  }
  const files = listAudioFiles(path.resolve(dir), true).filter((a) => filter.test(a.id));
  if (files.length === 0) throw new BadInputError(`no audio files for the unlabelled pool${pattern ? ` matching /${pattern}/` : ''}`, path.resolve(dir));
  return files.map((a) => ({ ...a, id: `unlabelled/${a.id}` }));
}

/** Numeric ids compare as numbers ('007' and '7' are the same song). */
export function normaliseId(id: string): string {
  return /^\d+$/.test(id) ? String(Number(id)) : id;
}
