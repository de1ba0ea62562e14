/**
 * Worker-thread entry for `emotrans features --jobs N`: extracts (or reads from the cache) one audio file's
 * features per task with the same `featuresOf` as one thread, and answers a file's own failure (bad audio,
 * too short, a plugin error) as a value, so a batch can go on with the other files.
 */
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { FeatureCache } from './feature-cache';
import { createSession } from '../session';
import { pluginContribution } from '../plugins/plugin-contribution';
import type { FeatureSet } from '../extension-points/feature-set';
import { createRandom } from '../runtime/random';
import { silentProgress } from '../runtime/progress';
import { loadTf } from '../runtime/tf';
import type { RunContext } from '../runtime/context';
import { fileFeatures, type FileFeatures } from './file-features';
import { serveTasksOnceSetUp, type PoolReply } from '../experiment/worker-pool';

export interface FileFeaturesWorkerData {
  readonly setId: string;
  readonly options: Record<string, unknown>;
  /** The folder or file of the plugin contributing the set (known to the parent's session): only it is loaded. */
  readonly plugin?: string;
  /** Without `plugin`: the extra plugins of a session rebuilt with discovery. */
  readonly plugins: readonly string[];
  readonly cacheDir: string;
  readonly spillPrefix?: string;
}

/** Which set of which plugin the parent is about to run: a prestarted worker loads it while the parent does. */
export interface FileFeaturesWorkerHint {
  readonly setId: string;
  readonly plugin: string;
}

/** Feature sets loaded on a hint, by plugin and set id. */
const prepared = new Map<string, FeatureSet>();
const preparedKey = (plugin: string, setId: string) => `${plugin}\u0000${setId}`;

function prepareFeatureSet(hint: FileFeaturesWorkerHint): void {
  prepared.set(preparedKey(hint.plugin, hint.setId), pluginContribution(hint.plugin, 'features', hint.setId));
}

/**
 * The feature set of the parent thread. From its plugin alone when that is known: a session (plugin
 * discovery, every static manifest validated) costs a worker more start-up than the parent spends on it.
 */
function featureSetOf(data: FileFeaturesWorkerData): FeatureSet {
  if (data.plugin) return prepared.get(preparedKey(data.plugin, data.setId)) ?? pluginContribution(data.plugin, 'features', data.setId);
  return createSession({ plugins: data.plugins }).registry.get('features', data.setId);
}

if (parentPort) {
  const port = parentPort;
  // The core's public API, which a plugin requires first: loaded while a prestarted worker waits for its data.
  require('../index');
  serveTasksOnceSetUp<FileFeaturesWorkerData, { file: string }, FileFeaturesWorkerHint>(port, (data) => {
    const featureSet = featureSetOf(data);
    const cache = new FeatureCache(path.join(data.cacheDir, 'features'));
    const context: RunContext = {
      random: createRandom(0),
      cacheDir: data.cacheDir,
      progress: silentProgress,
      log: (message) => port.postMessage({ type: 'log', message } satisfies PoolReply),
      tf: () => loadTf(),
    };
    return ({ file }): Promise<FileFeatures> => fileFeatures(file, featureSet, data.options, cache, context, data.spillPrefix);
  }, prepareFeatureSet);
}
