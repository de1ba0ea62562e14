import type { ContributionProvenance } from '../plugins/provenance';
import type { ContributionRegistry } from '../registry/registry';
import type { RunContext } from '../runtime/context';
import { yieldToEvents } from '../runtime/yield-to-events';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { DomainDataset } from './dataset';
import { unitSeedLabel, type Unit } from './plan-units';
import { runUnit } from './run-unit';
import { UNIT_CONTRIBUTION_KINDS, type workerPlugins } from './run-provenance';
import type { UnitDispatcher } from './unit-dispatcher';
import type { UnitResult } from './unit-result';
import { runUnitsInWorkers } from './unit-pool';
import { taskFailure } from './worker-pool';

/** Where and how a run's pending units are run. */
export interface UnitDispatch {
  readonly runId: string;
  readonly runDir: string;
  readonly spec: ExperimentSpec;
  readonly datasets: Map<string, DomainDataset>;
  readonly registry: ContributionRegistry;
  /** The run's context; each unit in this thread gets its random forked by the unit's seed label. */
  readonly context: RunContext;
  readonly provenance: readonly ContributionProvenance[];
  /** What unit workers can load (workerPlugins of the unit kinds). */
  readonly unitWorkers: ReturnType<typeof workerPlugins>;
  readonly jobs: number;
  /** Units of plugin files run on worker threads even with `jobs` 1 or one unit (RunOptions.offMainThread). */
  readonly offMainThread?: boolean;
  readonly dispatcher?: UnitDispatcher;
}

/**
 * Runs the pending units on the dispatcher when there is one, else on `jobs` worker threads when more than
 * one unit can go there (or any unit, with `offMainThread`), else one after another in this thread; `store`
 * is called once per finished unit.
 */
export async function dispatchUnits(pending: readonly Unit[], how: UnitDispatch, store: (unit: Unit, result: UnitResult) => void): Promise<void> {
  const { spec, datasets, context, jobs, unitWorkers } = how;
  const log = context.log;
  if (how.dispatcher) {
    const unitProvenance = how.provenance.filter((p) => UNIT_CONTRIBUTION_KINDS.includes(p.kind));
    await how.dispatcher.run(pending, { runId: how.runId, runDir: how.runDir, spec, datasets, provenance: unitProvenance, log }, store);
  } else if ('plugins' in unitWorkers && pending.length > 0 && (how.offMainThread || (jobs > 1 && pending.length > 1))) {
    const threads = Math.min(jobs, pending.length);
    log(`running ${pending.length} unit${pending.length === 1 ? '' : 's'} on ${threads} worker thread${threads === 1 ? '' : 's'}`);
    await runUnitsInWorkers(
      pending,
      jobs,
      { spec, plugins: unitWorkers.plugins, discover: false, cacheDir: context.cacheDir, datasets },
      store,
      log,
    );
  } else {
    for (const unit of pending) {
      await yieldToEvents(); // Ctrl-C and SIGTERM are honoured between units
      let result: UnitResult;
      try {
        result = await runUnit(unit, spec, datasets, how.registry, { ...context, random: context.random.fork(unitSeedLabel(unit)) });
      } catch (error) {
        throw taskFailure(`unit ${unit.key}`, error);
      }
      store(unit, result);
    }
  }
}
