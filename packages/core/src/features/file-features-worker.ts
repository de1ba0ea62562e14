/**
 * Worker-thread entry for `emotrans features --jobs N`: extracts (or reads from the cache) one audio file's
 * features per task with the same `featuresOf` as one thread, and answers a file's own failure (bad audio,
 * too short, a plugin error) as a value, so a batch can go on with the other files.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { FeatureCache } from './feature-cache';
import { createSession } from '../session';
import { createRandom } from '../runtime/random';
import { silentProgress } from '../runtime/progress';
import { loadTf } from '../runtime/tf';
import type { RunContext } from '../runtime/context';
import { fileFeatures, type FileFeatures } from './file-features';
import { serveTasks, type PoolReply } from '../experiment/worker-pool';

export interface FileFeaturesWorkerData {
  readonly setId: string;
  readonly options: Record<string, unknown>;
  readonly plugins: readonly string[];
  readonly cacheDir: string;
  readonly spillPrefix?: string;
}

if (parentPort) {
  const port = parentPort;
  const data = workerData as FileFeaturesWorkerData;
  const session = createSession({ plugins: data.plugins });
  const featureSet = session.registry.get('features', data.setId);
  const cache = new FeatureCache(path.join(data.cacheDir, 'features'));
  const context: RunContext = {
    random: createRandom(0),
    cacheDir: data.cacheDir,
    progress: silentProgress,
    log: (message) => port.postMessage({ type: 'log', message } satisfies PoolReply),
    tf: () => loadTf(),
  };
  serveTasks<{ file: string }>(port, ({ file }): Promise<FileFeatures> => fileFeatures(file, featureSet, data.options, cache, context, data.spillPrefix));
}
