import path from 'node:path';
import type { CommandModule } from 'yargs';
import { log, openSession, type GlobalOptions } from '../command-context';
import type { Session } from '../../session';
import { progressBar } from '../progress-bar';
import { extractFiles, prepareFileWorkers } from '../../features/extract-files';
import { removeSpill, type FileFeatures } from '../../features/file-features';
import { defaultCacheDir } from '../../experiment/runner';
import { FeatureCache } from '../../features/feature-cache';
import { csvField } from '../../results/csv';
import { formatFloat32 } from '../../results/format-float32';
import { StreamedOutput } from '../streamed-output';
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
  keepGoing?: boolean;
  jobs: number;
}

export { formatFloat32 };

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

/** The prestarted workers learn the set's plugin before this thread loads it, so both load it at once. */
function prepareWorkersFor(session: Session, setId: string): void {
  let plugin: string | undefined;
  try {
    plugin = session.registry.pluginOf('features', setId)?.location;
  } catch {
    return; // registry.get below reports it
  }
  if (plugin) prepareFileWorkers(setId, plugin);
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
      .option('cache-dir', { type: 'string', describe: 'Feature cache folder (default: $EMOTRANS_CACHE or ~/.cache/emotrans)' })
      .option('keep-going', {
        type: 'boolean',
        default: false,
        describe: 'Skip files that fail (reported with the reason; exit code 2) instead of writing nothing',
      })
      .option('jobs', { type: 'number', default: 1, describe: 'Files extracted in parallel on worker threads (same CSV as --jobs 1)' }),
  handler: async (args) => {
    // yargs reads `--out -` as an empty value followed by a positional '-'.
    if (args.out === '') throw new BadInputError('--out: give a file name, or --out=- for stdout');
    if (!Number.isInteger(args.jobs) || args.jobs < 1) throw new BadInputError(`--jobs: expected a whole number >= 1, got ${args.jobs}`);
    const session = openSession(args);
    if (args.jobs > 1 && args.audio.length > 1) prepareWorkersFor(session, args.set);
    const featureSet = session.registry.get('features', args.set);
    const options = parseOptions(args.options, featureSet.manifest.options, args.set);
    const cacheDir = args.cacheDir ?? defaultCacheDir();
    const cache = new FeatureCache(path.join(cacheDir, 'features'));
    const progress = args.quiet ? silentProgress : progressBar();
    const context = { random: createRandom(0), cacheDir, progress, log: log(args), tf: () => loadTf() };
    const output = new StreamedOutput(args.out);
    let names: readonly string[] | undefined;
    let rows = 0;
    const failures: { file: string; reason: string }[] = [];
    progress.begin(`features ${args.set}`, args.audio.length);
    try {
      const each = (result: FileFeatures): void => {
        progress.tick(1, path.basename(result.file));
        if ('failure' in result) return void failures.push({ file: result.file, reason: result.failure });
        if (names && names.join('\u0000') !== result.names.join('\u0000')) {
          removeSpill(result);
          return void failures.push({ file: result.file, reason: `feature set '${args.set}' gave other feature names than for the files before` });
        }
        if (!names) {
          names = result.names;
          output.write(`${['file', 'time', ...names].map(csvField).join(',')}\n`);
        }
        // Without --keep-going nothing is written once a file failed, but every file is still tried, so the
        // error names all the bad ones (and the good ones are in the feature cache for the rerun).
        try {
          if (failures.length === 0 || args.keepGoing) {
            if ('csv' in result) for (const piece of result.csv) output.write(piece);
            else output.appendFile(result.csvFile);
            rows += result.rows;
          }
        } finally {
          removeSpill(result);
        }
      };
      const plugin = session.registry.originOf(featureSet)?.location;
      await extractFiles(args.audio, featureSet, options, cache, context, each, { jobs: args.jobs, plugin, plugins: args.plugin ?? [], spillPrefix: output.spillPrefix });
    } catch (error) {
      output.discard();
      throw error;
    } finally {
      progress.end();
    }
    const report = failures.map((f) => `  ${f.file}: ${f.reason}`).join('\n');
    const count = `${failures.length} of ${args.audio.length} file(s)`;
    if (failures.length && (!args.keepGoing || failures.length === args.audio.length)) {
      output.discard();
      throw new BadInputError(`${count} failed, nothing written${args.keepGoing ? '' : ' (--keep-going skips them)'}:\n${report}`);
    }
    await output.commit();
    log(args)(`${rows} rows x ${names?.length ?? 0} features from ${args.audio.length - failures.length} file(s) -> ${args.out}`);
    if (failures.length) throw new BadInputError(`${count} skipped (--keep-going):\n${report}`);
  },
};
