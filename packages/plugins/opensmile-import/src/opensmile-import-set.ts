import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, type FeatureMatrix, type FeatureSet, type FeatureSetInfo } from '@emotrans/core';
import { readArff } from './arff';
import { readOpenSmileCsv } from './opensmile-csv';

export interface OpenSmileImportOptions {
  /** Folder of the feature files, one per audio file, named like the audio file with `extension`. */
  dir: string;
  /** Ending that replaces the audio file's extension, e.g. `.csv`, `.arff`, `.lld.csv`. */
  extension: string;
  /** Which reader to use; `auto` picks ARFF for a `.arff` extension and CSV otherwise. */
  format: 'auto' | 'csv' | 'arff';
  /** Seconds added to every frameTime (openSMILE writes a frame's start; add half a window to get its centre). */
  timeShift: number;
  /** Rows per second; by default the median step between frame times. */
  frameRate?: number;
}

/** The feature file that belongs to an audio file. */
export function featureFileFor(audioPath: string, options: Pick<OpenSmileImportOptions, 'dir' | 'extension'>): string {
  const base = path.basename(audioPath, path.extname(audioPath));
  return path.resolve(options.dir, `${base}${options.extension}`);
}

function readFeatureFile(file: string, options: OpenSmileImportOptions): FeatureMatrix {
  const arff = options.format === 'arff' || (options.format === 'auto' && file.toLowerCase().endsWith('.arff'));
  const read = arff ? readArff : readOpenSmileCsv;
  return read(file, { timeShift: options.timeShift, frameRate: options.frameRate });
}

/** The first feature file in the folder, to tell names and rate before any audio is seen. */
function sampleFile(options: OpenSmileImportOptions): string | undefined {
  try {
    const first = fs.readdirSync(options.dir).filter((f) => f.endsWith(options.extension)).sort()[0];
    return first === undefined ? undefined : path.join(options.dir, first);
  } catch {
    return undefined;
  }
}

/** describe() results by options and sample file version (describe runs once per sequence). */
const described = new Map<string, FeatureSetInfo>();

/**
 * Features computed beforehand with openSMILE (any config, CSV or ARFF output), read from `dir` for each
 * audio file: for users who have openSMILE and want its exact features. Frame times and feature names are
 * kept as written. Never cached: the features live in files that may change without the audio changing.
 */
export const openSmileImport: FeatureSet<OpenSmileImportOptions> = {
  manifest: {
    id: 'opensmile-import',
    kind: 'features',
    description: 'Features from openSMILE output files (CSV or ARFF), one per audio file',
    version: '1',
    options: {
      type: 'object',
      additionalProperties: false,
      required: ['dir'],
      properties: {
        dir: { type: 'string', format: 'path', minLength: 1, description: 'Folder of the feature files (named like the audio files)' },
        extension: { type: 'string', minLength: 1, default: '.csv', description: 'Feature file ending replacing the audio extension' },
        format: { enum: ['auto', 'csv', 'arff'], default: 'auto', description: 'Reader; auto: ARFF for .arff, else CSV' },
        timeShift: { type: 'number', default: 0, description: 'Seconds added to frameTime (half a window centres it)' },
        frameRate: { type: 'number', exclusiveMinimum: 0, description: 'Rows per second (default: from the frame times)' },
      },
    },
  },
  describe(options): FeatureSetInfo {
    const sample = sampleFile(options);
    const signature = sample ? `${JSON.stringify(options)}:${sample}:${fs.statSync(sample).mtimeMs}` : '';
    if (!described.has(signature)) {
      const matrix = sample ? readFeatureFile(sample, options) : undefined;
      described.set(signature, { names: matrix?.names ?? [], frameRate: options.frameRate ?? matrix?.frameRate ?? 1, cache: false });
    }
    return described.get(signature) as FeatureSetInfo;
  },
  async extract(audio, options) {
    if (!fs.existsSync(audio.origin)) {
      throw new BadInputError(`opensmile-import needs the audio's file name to find its feature file, but '${audio.origin}' is not a file`);
    }
    const file = featureFileFor(audio.origin, options);
    if (!fs.existsSync(file)) {
      throw new BadInputError(`no openSMILE feature file for this audio (looked for ${file}; options dir and extension say where)`, audio.origin);
    }
    return readFeatureFile(file, options);
  },
};
