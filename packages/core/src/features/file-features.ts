import { decodeAudioFile } from '../audio/decode';
import type { FeatureSet } from '../extension-points/feature-set';
import type { FeatureCache } from './feature-cache';
import type { RunContext } from '../runtime/context';
import { featureCsvRows } from '../results/feature-csv-rows';
import { BadInputError, EmotransError } from '../runtime/errors';
import { featuresOf } from './features-of';

/**
 * One audio file's features as CSV rows `file,time,<features>` (formatted where they were extracted, so
 * worker threads share that work too), or why that file has none (the batch goes on with the others).
 */
export type FileFeatures =
  | { readonly file: string; readonly names: readonly string[]; readonly rows: number; readonly csv: Uint8Array }
  | { readonly file: string; readonly failure: string };

/**
 * The features of one audio file (from the cache when there) as CSV rows, a clip too short for one row
 * counting as a failure. Failures of the file itself (EmotransError: bad audio, too short, an extraction error) are
 * returned, not thrown; anything else is a bug and is thrown.
 */
export async function fileFeatures(file: string, featureSet: FeatureSet, options: Record<string, unknown>, cache: FeatureCache, context: RunContext): Promise<FileFeatures> {
  try {
    const source = { id: file, domain: 'cli', group: file, audio: { kind: 'file' as const, path: file } };
    const matrix = await featuresOf(source, featureSet, options, cache, context);
    if (matrix.rows === 0) {
      const audio = await decodeAudioFile(file);
      const seconds = (audio.samples.length / audio.sampleRate).toFixed(3);
      throw new BadInputError(`the clip is ${seconds} s long, too short for one window of feature set '${featureSet.manifest.id}' (no feature rows)`, file);
    }
    return { file, names: matrix.names, rows: matrix.rows, csv: featureCsvRows(file, matrix) };
  } catch (error) {
    if (!(error instanceof EmotransError)) throw error;
    const message = error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message;
    return { file, failure: message };
  }
}
