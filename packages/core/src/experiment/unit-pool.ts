import type { Unit } from './plan-units';
import { unitResultFromJson, type UnitResult } from './unit-result';
import type { UnitWorkerData } from './unit-worker';
import { compiledWorker, runInWorkers } from './worker-pool';

/**
 * Runs units on `jobs` worker threads; `onResult` is called as each finishes (in completion order). After
 * a unit fails no new unit starts, the units in flight finish (and are kept), then the run rejects.
 */
export async function runUnitsInWorkers(
  units: readonly Unit[],
  jobs: number,
  data: UnitWorkerData,
  onResult: (unit: Unit, result: UnitResult) => void,
  log: (message: string) => void,
): Promise<void> {
  await runInWorkers(compiledWorker('experiment/unit-worker'), data, units, jobs, (unit) => `unit ${unit.key}`, (unit, json) => onResult(unit, unitResultFromJson(json)), log);
}
