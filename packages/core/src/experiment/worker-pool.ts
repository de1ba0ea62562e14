import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EmotransError, RunFailure, deserialiseError, describeThrown, serialiseError, type SerialisedError } from '../runtime/errors';

/** What a pool worker sends back: a task's result, its failure, or a log line. */
export type PoolReply =
  | { readonly type: 'result'; readonly id: number; readonly result: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerialisedError }
  | { readonly type: 'log'; readonly message: string };

/** What the pool sends a worker: one task. */
export interface PoolTask<T> {
  readonly id: number;
  readonly task: T;
}

/**
 * The error a failed task is reported with, the same in a worker and in this thread: an EmotransError as
 * it is (its wording and exit code), anything else as a RunFailure "<task> failed: <message>".
 */
export function taskFailure(description: string, thrown: unknown): EmotransError {
  return thrown instanceof EmotransError ? thrown : new RunFailure(`${description} failed: ${describeThrown(thrown)}`, thrown);
}

/**
 * A compiled worker script, named by its path under src without extension ('features/features-worker'),
 * also when this module runs from src under ts-jest.
 */
export function compiledWorker(name: string): string {
  const beside = path.join(__dirname, '..', `${name}.js`);
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', 'dist', `${name}.js`);
  if (fs.existsSync(built)) return built;
  throw new RunFailure(`parallel work needs the compiled worker ${beside}; build with 'npx tsc -b'`);
}

/**
 * Runs tasks on up to `jobs` worker threads started from `script` with `workerData`; `onResult` is called
 * as each finishes (completion order). After a task fails no new task starts, the tasks in flight finish
 * (their results still delivered), then the pool rejects with the first failure, naming the task.
 */
export async function runInWorkers<T>(
  script: string,
  workerData: unknown,
  tasks: readonly T[],
  jobs: number,
  describe: (task: T) => string,
  onResult: (task: T, result: unknown) => void,
  log: (message: string) => void,
): Promise<void> {
  if (tasks.length === 0) return;
  const queue = tasks.map((task, id) => ({ id, task }));
  const workers = Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, () => new Worker(script, { workerData }));
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = 0;
      let failure: Error | undefined;
      let failedTask = Infinity;
      const settle = () => {
        if (busy > 0) return;
        if (failure) reject(failure);
        else if (queue.length === 0) resolve();
      };
      // The failure of the earliest task in the plan is reported (as a serial run would), whichever ended first.
      const fail = (error: Error, task = Infinity) => {
        if (failure && task >= failedTask) return;
        failure = error;
        failedTask = task;
      };
      for (const worker of workers) {
        let running = false;
        let current: number | undefined;
        const next = () => {
          const item = failure ? undefined : queue.shift();
          if (!item) return;
          running = true;
          current = item.id;
          busy++;
          worker.postMessage(item satisfies PoolTask<T>);
        };
        const done = () => {
          if (!running) return;
          running = false;
          busy--;
        };
        worker.on('message', (reply: PoolReply) => {
          if (reply.type === 'log') return log(reply.message);
          done();
          if (reply.type === 'error') fail(deserialiseError(reply.error, (error) => taskFailure(describe(tasks[reply.id]), error)), reply.id);
          else {
            try {
              onResult(tasks[reply.id], reply.result);
            } catch (error) {
              fail(error as Error, reply.id);
            }
          }
          next();
          settle();
        });
        worker.on('error', (error) => {
          fail(running ? taskFailure(describe(tasks[current!]), error) : new RunFailure(`worker thread failed: ${describeThrown(error)}`, error), running ? current : Infinity);
          done();
          settle();
        });
        worker.on('exit', (code) => {
          if (!running) return;
          const task = describe(tasks[current!]);
          fail(
            new RunFailure(
              code === 0
                ? `${task} never finished: its work stopped with nothing left to wait for (a plugin promise that never settles?)`
                : `${task}: worker thread exited with code ${code}`,
            ),
            current,
          );
          done();
          settle();
        });
        next();
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The worker side: answers each task with `handle`, forwarding failures with their class and exit code.
 * While a task runs the port does not keep the thread alive, so a task whose promise never settles (with
 * nothing left to wait for) ends the thread, which the pool reports, instead of hanging the run.
 */
export function serveTasks<T>(port: import('node:worker_threads').MessagePort, handle: (task: T) => Promise<unknown>): void {
  port.on('message', async ({ id, task }: PoolTask<T>) => {
    port.unref();
    try {
      port.postMessage({ type: 'result', id, result: await handle(task) } satisfies PoolReply);
    } catch (error) {
      port.postMessage({ type: 'error', id, error: serialiseError(error) } satisfies PoolReply);
    } finally {
      port.ref();
    }
  });
}
