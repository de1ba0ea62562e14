import fs from 'node:fs';
import path from 'node:path';
import { BadInputError } from '../runtime/errors';
import { removeStaleTemporaries } from '../results/atomic-write';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { Unit } from './plan-units';
import type { UnitResult } from './unit-result';
import { readUnitFile, unitFile } from './unit-file';

/**
 * Checks that a resumed run is given the spec it was started with, then clears a killed process's
 * leftovers. Call it holding the run folder's lock.
 */
export function checkResumedSpec(runDir: string, runId: string, spec: ExperimentSpec): void {
  const specFile = path.join(runDir, 'spec.json');
  let previous: unknown;
  try {
    previous = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  } catch (error) {
    throw new BadInputError(`cannot resume ${runId}: its spec.json is unreadable (${(error as Error).message})`, specFile);
  }
  if (JSON.stringify(previous) !== JSON.stringify(spec)) {
    throw new BadInputError(`cannot resume ${runId}: its spec.json differs from the spec given now`, specFile);
  }
  // Under the lock no other writer is mid-write: temporaries are a killed process's leftovers.
  removeStaleTemporaries(runDir);
}

/** The planned units split into those finished before (their unit files, when resuming and readable) and those still to run. */
export function reuseFinishedUnits(
  units: readonly Unit[],
  runDir: string,
  resume: boolean,
  log: (message: string) => void,
): { finished: Map<string, UnitResult>; pending: Unit[] } {
  const finished = new Map<string, UnitResult>();
  const pending: Unit[] = [];
  for (const unit of units) {
    const file = unitFile(runDir, unit);
    if (resume && fs.existsSync(file)) {
      const read = readUnitFile(file, unit);
      if (read.ok) {
        finished.set(unit.key, read.result);
        continue;
      }
      log(`${file}: not reused (${read.reason}); running the unit again`);
    }
    pending.push(unit);
  }
  return { finished, pending };
}
