import type { ContributionProvenance } from '../plugins/provenance';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { DomainDataset } from './dataset';
import type { Unit } from './plan-units';
import type { UnitResult } from './unit-result';

/** What a dispatcher gets to run a run's pending units. */
export interface DispatchContext {
  readonly runId: string;
  readonly runDir: string;
  readonly spec: ExperimentSpec;
  readonly datasets: ReadonlyMap<string, DomainDataset>;
  /** Provenance of the contributions a unit runs (none defined in this process: the runner refused those). */
  readonly provenance: readonly ContributionProvenance[];
  readonly log: (message: string) => void;
}

/**
 * Runs units somewhere else than this thread (e.g. on a job queue served by other machines). `store` must
 * be called exactly once per finished unit (it writes the unit file and ticks the progress); the promise
 * rejects (after in-flight units are stored) when a unit could not be run.
 */
export interface UnitDispatcher {
  /** One line for logs and environment.json (never a secret). */
  readonly description: string;
  run(pending: readonly Unit[], context: DispatchContext, store: (unit: Unit, result: UnitResult) => void): Promise<void>;
}
