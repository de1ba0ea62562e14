/**
 * Worker-thread entry that runs units for `runExperiment` with `jobs` > 1. It rebuilds the registry from
 * the same plugin references as the parent, receives the prepared datasets once, then runs the units the
 * parent sends, one at a time. Each unit's random stream is forked from the spec's seed and the unit key,
 * exactly as in a serial run, so results do not depend on which worker ran what.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSession } from '../session';
import { createRandom } from '../runtime/random';
import { silentProgress } from '../runtime/progress';
import { loadTf } from '../runtime/tf';
import type { RunContext } from '../runtime/context';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { DomainDataset } from './dataset';
import { unitSeedLabel, type Unit } from './plan-units';
import { runUnit } from './run-unit';
import { unitResultToJson } from './unit-result';
import { serveTasks, type PoolReply } from './worker-pool';

export interface UnitWorkerData {
  readonly spec: ExperimentSpec;
  /** Plugin locations (from the run's provenance) to load; with `discover: false`, nothing else. */
  readonly plugins: readonly string[];
  readonly discover?: boolean;
  readonly baseDir?: string;
  readonly cacheDir: string;
  readonly datasets: Map<string, DomainDataset>;
}

if (parentPort) {
  const port = parentPort;
  const data = workerData as UnitWorkerData;
  const session = createSession({ plugins: data.plugins, baseDir: data.baseDir, discover: data.discover });
  const random = createRandom(data.spec.seed);
  const context: RunContext = {
    random,
    cacheDir: data.cacheDir,
    progress: silentProgress,
    log: (message) => port.postMessage({ type: 'log', message } satisfies PoolReply),
    tf: () => loadTf(),
  };
  serveTasks<Unit>(port, async (unit) =>
    unitResultToJson(await runUnit(unit, data.spec, data.datasets, session.registry, { ...context, random: random.fork(unitSeedLabel(unit)) })),
  );
}
