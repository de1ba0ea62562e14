/**
 * Worker-thread entry that extracts (or reads from the cache) the features of sequences for
 * `prepareDatasets` with `jobs` > 1: the same `featuresOf` as in one thread, so the cache and the
 * features are the same.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { SequenceSource } from '../data/sequence';
import { FeatureCache } from './feature-cache';
import { createSession } from '../session';
import { createRandom } from '../runtime/random';
import { silentProgress } from '../runtime/progress';
import { loadTf } from '../runtime/tf';
import type { RunContext } from '../runtime/context';
import type { ContributionRef } from '../spec/experiment-spec';
import { featuresOf } from './features-of';
import { serveTasks, type PoolReply } from '../experiment/worker-pool';

export interface FeaturesWorkerData {
  readonly features: ContributionRef;
  readonly plugins: readonly string[];
  readonly discover?: boolean;
  readonly baseDir?: string;
  readonly cacheDir: string;
  readonly seed: number;
}

if (parentPort) {
  const port = parentPort;
  const data = workerData as FeaturesWorkerData;
  const session = createSession({ plugins: data.plugins, baseDir: data.baseDir, discover: data.discover });
  const featureSet = session.registry.get('features', data.features.id);
  const cache = new FeatureCache(path.join(data.cacheDir, 'features'));
  const context: RunContext = {
    random: createRandom(data.seed),
    cacheDir: data.cacheDir,
    progress: silentProgress,
    log: (message) => port.postMessage({ type: 'log', message } satisfies PoolReply),
    tf: () => loadTf(),
  };
  serveTasks<SequenceSource>(port, (source) => featuresOf(source, featureSet, data.features.options, cache, context));
}
