import path from 'node:path';
import type { CommandModule } from 'yargs';
import { log, openSession, type GlobalOptions } from '../command-context';
import { progressBar } from '../progress-bar';
import { decodeAudioFile } from '../../audio/decode';
import type { FeatureMatrix } from '../../data/feature-matrix';
import { featuresOf } from '../../experiment/prepare-datasets';
import { defaultCacheDir } from '../../experiment/runner';
import { FeatureCache } from '../../features/feature-cache';
import { writeFileAtomic } from '../../results/atomic-write';
import { csvField } from '../../results/csv';
import { BadInputError } from '../../runtime/errors';
import { silentProgress } from '../../runtime/progress';
import { createRandom } from '../../runtime/random';
import { loadTf } from '../../runtime/tf';
import { parseJsonFile } from '../../spec/load-spec';
import { validateAgainst } from '../../spec/validate-json';

interface FeaturesArgs extends GlobalOptions {
  audio: string[];
  set: string;
  options: string;
  out: string;
  cacheDir?: string;
}

/** The shortest decimal that reads back as the same float32 (features are stored as float32). */
export function formatFloat32(value: number): string {
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

/** Parses and validates `--options` against the feature set's schema (filling defaults); errors name the field. */
function parseOptions(text: string, schema: Record<string, unknown>, setId: string): Record<string, unknown> {
  const options = parseJsonFile(text, '--options');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new BadInputError(`--options: expected a JSON object, got ${JSON.stringify(options)}`);
  }
  const problems = validateAgainst(schema, options, 'options');
  if (problems.length) throw new BadInputError(`invalid options for feature set '${setId}':\n  ${problems.join('\n  ')}`);
  return options as Record<string, unknown>;
}

/** CSV rows `file,time,<features>` of one file's matrix. */
function csvRows(file: string, matrix: FeatureMatrix): string[] {
  const lines: string[] = [];
  const name = csvField(file);
  for (let r = 0; r < matrix.rows; r++) {
    const cells = [name, String(matrix.times[r])];
    for (let c = 0; c < matrix.cols; c++) cells.push(formatFloat32(matrix.data[r * matrix.cols + c]));
    lines.push(cells.join(','));
  }
  return lines;
}

export const featuresCommand: CommandModule<GlobalOptions, FeaturesArgs> = {
  command: 'features <audio...>',
  describe: 'Extract a feature set from audio files into one CSV (file,time,<features>), one row per window',
  builder: (y) =>
    y
      .positional('audio', { type: 'string', array: true, demandOption: true, describe: 'Audio files (WAV, FLAC, Ogg Vorbis, MP3)' })
      .option('set', { type: 'string', demandOption: true, describe: "Feature set id (see 'emotrans list')" })
      .option('options', { type: 'string', default: '{}', describe: "The feature set's options as JSON" })
      .option('out', { type: 'string', demandOption: true, describe: "Output CSV file (--out=- for stdout)" })
      .option('cache-dir', { type: 'string', describe: 'Feature cache folder (default: $EMOTRANS_CACHE or ~/.cache/emotrans)' }),
  handler: async (args) => {
    // yargs reads `--out -` as an empty value followed by a positional '-'.
    if (args.out === '') throw new BadInputError('--out: give a file name, or --out=- for stdout');
    const session = openSession(args);
    const featureSet = session.registry.get('features', args.set);
    const options = parseOptions(args.options, featureSet.manifest.options, args.set);
    const cacheDir = args.cacheDir ?? defaultCacheDir();
    const cache = new FeatureCache(path.join(cacheDir, 'features'));
    const progress = args.quiet ? silentProgress : progressBar();
    const context = { random: createRandom(0), cacheDir, progress, log: log(args), tf: () => loadTf() };
    let names: readonly string[] | undefined;
    const lines: string[] = [];
    progress.begin(`features ${args.set}`, args.audio.length);
    try {
      for (const file of args.audio) {
        const source = { id: file, domain: 'cli', group: file, audio: { kind: 'file' as const, path: file } };
        const matrix = await featuresOf(source, featureSet, options, cache, context);
        if (matrix.rows === 0) {
          const audio = await decodeAudioFile(file);
          const seconds = (audio.samples.length / audio.sampleRate).toFixed(3);
          throw new BadInputError(`the clip is ${seconds} s long, too short for one window of feature set '${args.set}' (no feature rows)`, file);
        }
        if (names && names.join('\u0000') !== matrix.names.join('\u0000')) {
          throw new BadInputError(`feature set '${args.set}' gave other feature names than for the files before`, file);
        }
        names ??= matrix.names;
        lines.push(...csvRows(file, matrix));
        progress.tick(1, path.basename(file));
      }
    } finally {
      progress.end();
    }
    const text = `${['file', 'time', ...(names ?? [])].map(csvField).join(',')}\n${lines.map((l) => `${l}\n`).join('')}`;
    if (args.out === '-') process.stdout.write(text);
    else writeFileAtomic(args.out, text);
    log(args)(`${lines.length} rows x ${names?.length ?? 0} features from ${args.audio.length} file(s) -> ${args.out}`);
  },
};
