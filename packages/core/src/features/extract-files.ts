import type { FeatureSet } from '../extension-points/feature-set';
import type { FeatureCache } from './feature-cache';
import type { RunContext } from '../runtime/context';
import { fileFeatures, type FileFeatures } from './file-features';
import type { FileFeaturesWorkerData, FileFeaturesWorkerHint } from './file-features-worker';
import { compiledWorker, prepareWorkers, runInWorkers } from '../experiment/worker-pool';

/** Where `extractFiles` may run in parallel: worker threads loading the set's plugin, or rebuilding the registry. */
export interface FileParallelism {
  readonly jobs: number;
  /** The folder or file of the plugin contributing the feature set: the workers load only it. */
  readonly plugin?: string;
  /** Without `plugin`: the extra plugins the workers' sessions load beside the discovered ones. */
  readonly plugins: readonly string[];
  /** Where a long file's CSV rows may be spilled: a path prefix (see FileFeatures). */
  readonly spillPrefix?: string;
}

const WORKER = 'features/file-features-worker';

/**
 * Tells the worker threads prestarted for `extractFiles` (bin/emotrans.js) the set and the plugin they will
 * run, as soon as the session knows them: they load that plugin while this thread does, instead of after it.
 */
export function prepareFileWorkers(setId: string, plugin: string): void {
  let script: string;
  try {
    script = compiledWorker(WORKER);
  } catch {
    return; // no prestarted workers without a build; extractFiles says so when it needs them
  }
  prepareWorkers(script, { setId, plugin } satisfies FileFeaturesWorkerHint);
}

/**
 * The features of audio files, handed to `each` in the order of `files` (whatever order the workers finish
 * in) as soon as the files before them are done, so output can be written while extraction goes on.
 * With `parallel.jobs` > 1 files are spread over this thread and `jobs - 1` worker threads; the results are
 * the same as in one thread.
 */
export async function extractFiles(
  files: readonly string[],
  featureSet: FeatureSet,
  options: Record<string, unknown>,
  cache: FeatureCache,
  context: RunContext,
  each: (result: FileFeatures) => void,
  parallel?: FileParallelism,
): Promise<void> {
  if (!parallel || parallel.jobs <= 1 || files.length < 2) {
    for (const file of files) each(await fileFeatures(file, featureSet, options, cache, context, parallel?.spillPrefix));
    return;
  }
  const done: (FileFeatures | undefined)[] = files.map(() => undefined);
  let next = 0;
  const data: FileFeaturesWorkerData = { setId: featureSet.manifest.id, options, plugin: parallel.plugin, plugins: parallel.plugins, cacheDir: context.cacheDir, spillPrefix: parallel.spillPrefix };
  await runInWorkers(
    compiledWorker(WORKER),
    data,
    files.map((file, i) => ({ file, i })),
    parallel.jobs,
    ({ file }) => `features of ${file}`,
    ({ i }, result) => {
      done[i] = result as FileFeatures;
      while (next < files.length && done[next]) {
        each(done[next]!);
        done[next++] = undefined;
      }
    },
    context.log,
    // This thread, already warmed up, extracts too while the workers start (their start-up is most of the cost
    // of a short batch); a worker gets its next file early, so it does not wait for this busy thread to answer.
    { inThisThread: ({ file }) => fileFeatures(file, featureSet, options, cache, context, parallel.spillPrefix), ahead: 2 },
  );
}
