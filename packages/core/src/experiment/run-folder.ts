import fs from 'node:fs';
import path from 'node:path';
import { BadInputError } from '../runtime/errors';
import { writeFailure } from '../results/atomic-write';
import type { ExperimentSpec } from '../spec/experiment-spec';

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * The run id used when none is given: `<name>-<UTC timestamp>`, with `-2`, `-3`... when a run of that name
 * started in the same second already has its folder (scripts that start runs back to back).
 */
export function defaultRunId(spec: ExperimentSpec): string {
  const base = `${spec.name}-${timestamp()}`;
  let runId = base;
  for (let n = 2; fs.existsSync(path.resolve(spec.output, runId)); n++) runId = `${base}-${n}`;
  return runId;
}

/** A run id names a folder directly under the output folder: no separators, no `..`. */
export function checkRunId(runId: string, flag = '--run-id'): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId) || runId.includes('..')) {
    throw new BadInputError(`${flag}: got ${JSON.stringify(runId)}, expected a folder name of letters, digits, '.', '_' and '-' (no '/' or '..')`);
  }
}

/** The runs found in an output folder (folders with a spec.json), for "did you mean" messages. */
function runsIn(output: string): string[] {
  try {
    return fs.readdirSync(output).filter((name) => fs.existsSync(path.join(output, name, 'spec.json'))).sort();
  } catch {
    return [];
  }
}

/**
 * The folder of run `runId` under the spec's output, created if needed: a new run must not find one with a
 * spec.json there, a resumed run must.
 */
export function openRunFolder(spec: ExperimentSpec, runId: string, resume: boolean): string {
  checkRunId(runId, resume ? '--resume' : '--run-id');
  const runDir = path.resolve(spec.output, runId);
  if (!resume && fs.existsSync(path.join(runDir, 'spec.json'))) {
    throw new BadInputError(`run folder ${runDir} exists already; use --resume ${runId} to finish it, or another run id`);
  }
  if (resume && !fs.existsSync(path.join(runDir, 'spec.json'))) {
    const runs = runsIn(path.resolve(spec.output));
    throw new BadInputError(`--resume ${runId}: no such run in ${path.resolve(spec.output)} (${runs.length ? `runs there: ${runs.join(', ')}` : 'it holds no runs'})`);
  }
  try {
    fs.mkdirSync(runDir, { recursive: true });
  } catch (error) {
    throw writeFailure(error, path.join(runDir, 'spec.json'));
  }
  return runDir;
}
