import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { RunFailure } from '../runtime/errors';
import type { Unit } from './plan-units';
import { unitResultFromJson, type UnitResult } from './unit-result';
import type { UnitWorkerData, UnitWorkerReply } from './unit-worker';

/** The compiled worker script (also when this module runs from src under ts-jest). */
function workerScript(): string {
  const beside = path.join(__dirname, 'unit-worker.js');
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', 'dist', 'experiment', 'unit-worker.js');
  if (fs.existsSync(built)) return built;
  throw new RunFailure(`parallel units need the compiled worker (${beside}); build with 'npx tsc -b'`);
}

/**
 * Runs units on `jobs` worker threads; `onResult` is called as each finishes (in completion order).
 * Rejects on the first unit that fails, after stopping every worker.
 */
export async function runUnitsInWorkers(
  units: readonly Unit[],
  jobs: number,
  data: UnitWorkerData,
  onResult: (unit: Unit, result: UnitResult) => void,
  log: (message: string) => void,
): Promise<void> {
  if (units.length === 0) return;
  const queue = [...units];
  const byKey = new Map(units.map((u) => [u.key, u]));
  const workers = Array.from({ length: Math.min(jobs, units.length) }, () => new Worker(workerScript(), { workerData: data }));
  try {
    await new Promise<void>((resolve, reject) => {
      let remaining = units.length;
      let failed = false;
      const fail = (error: Error) => {
        if (!failed) {
          failed = true;
          reject(error);
        }
      };
      for (const worker of workers) {
        const next = () => {
          const unit = queue.shift();
          if (unit) worker.postMessage(unit);
        };
        worker.on('message', (reply: UnitWorkerReply) => {
          if (reply.type === 'log') return log(reply.message);
          if (reply.type === 'error') return fail(new RunFailure(`unit ${reply.key} failed: ${reply.message}`));
          try {
            onResult(byKey.get(reply.key)!, unitResultFromJson(reply.result));
          } catch (error) {
            return fail(error as Error);
          }
          remaining--;
          if (remaining === 0) resolve();
          else next();
        });
        worker.on('error', (error) => fail(new RunFailure(`unit worker failed: ${error.message}`, error)));
        worker.on('exit', (code) => {
          if (code !== 0 && remaining > 0) fail(new RunFailure(`unit worker exited with code ${code}`));
        });
        next();
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
