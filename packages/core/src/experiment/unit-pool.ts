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
  if (units.length === 0) return;
  const queue = [...units];
  const byKey = new Map(units.map((u) => [u.key, u]));
  const workers = Array.from({ length: Math.min(jobs, units.length) }, () => new Worker(workerScript(), { workerData: data }));
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = 0;
      let failure: Error | undefined;
      const settle = () => {
        if (busy > 0) return;
        if (failure) reject(failure);
        else if (queue.length === 0) resolve();
      };
      const fail = (error: Error) => {
        failure ??= error;
      };
      for (const worker of workers) {
        let running = false;
        const next = () => {
          const unit = failure ? undefined : queue.shift();
          if (unit) {
            running = true;
            busy++;
            worker.postMessage(unit);
          }
        };
        const done = () => {
          if (running) {
            running = false;
            busy--;
          }
        };
        worker.on('message', (reply: UnitWorkerReply) => {
          if (reply.type === 'log') return log(reply.message);
          done();
          if (reply.type === 'error') fail(new RunFailure(`unit ${reply.key} failed: ${reply.message}`));
          else {
            try {
              onResult(byKey.get(reply.key)!, unitResultFromJson(reply.result));
            } catch (error) {
              fail(error as Error);
            }
          }
          next();
          settle();
        });
        worker.on('error', (error) => {
          fail(new RunFailure(`unit worker failed: ${error.message}`, error));
          done();
          settle();
        });
        worker.on('exit', (code) => {
          if (running) {
            fail(new RunFailure(`unit worker exited with code ${code}`));
            done();
            settle();
          }
        });
        next();
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
