import fs from 'node:fs';
import path from 'node:path';
import { Worker, workerData as thisWorkerData, type MessagePort } from 'node:worker_threads';
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

/** The workerData of a thread started before its work was known: its data comes as the first message. */
const AWAITING_SETUP = 'emotrans.awaitingSetup';

interface Prestarted {
  readonly worker: Worker;
  /** Set when it failed or ended before any pool took it (then a fresh one is started instead). */
  gone: boolean;
}

const prestarted = new Map<string, Prestarted[]>();

/**
 * Starts `count` worker threads of `script` now, before the work and its data are known, so their start-up
 * (Node's bootstrap, requiring the script's modules) overlaps what this thread still has to do first; the
 * next `runInWorkers` on the same script takes them and sends them its workerData. Until then they do not
 * keep the process alive, and one that fails meanwhile is dropped (the pool starts a fresh one, which
 * reports the failure).
 */
export function prestartWorkers(script: string, count: number): void {
  const list = prestarted.get(script) ?? [];
  for (let k = 0; k < count; k++) {
    const entry: Prestarted = { worker: new Worker(script, { workerData: AWAITING_SETUP }), gone: false };
    entry.worker.unref();
    entry.worker.on('error', () => (entry.gone = true));
    entry.worker.on('exit', () => (entry.gone = true));
    list.push(entry);
  }
  prestarted.set(script, list);
}

/** A worker prestarted for `script` and still alive, given its workerData; undefined when none is left. */
function takePrestarted(script: string, workerData: unknown): Worker | undefined {
  const list = prestarted.get(script) ?? [];
  for (let entry = list.shift(); entry; entry = list.shift()) {
    if (entry.gone) continue;
    entry.worker.ref();
    entry.worker.postMessage({ setup: workerData });
    return entry.worker;
  }
  return undefined;
}

/**
 * Hands the prestarted workers of `script` a hint of the work to come (before its data is complete), so
 * they get ready (load a plugin) at the same time as this thread instead of after it; see the `prepare` of
 * `serveTasksOnceSetUp`. A hint that turns out wrong costs a worker time, never a result.
 */
export function prepareWorkers(script: string, hint: unknown): void {
  for (const entry of prestarted.get(script) ?? []) if (!entry.gone) entry.worker.postMessage({ prepare: hint });
}

/** Ends the prestarted workers of `script` that no pool took. */
function endPrestarted(script: string): Promise<unknown> {
  const left = prestarted.get(script) ?? [];
  prestarted.delete(script);
  return Promise.all(left.map((entry) => entry.worker.terminate()));
}

/** How `runInWorkers` may spread the work beyond one task per worker thread. */
export interface PoolOptions<T> {
  /**
   * This thread takes tasks too, with this handler (the same work a worker does), while the workers start:
   * `jobs` then counts this thread, so `jobs - 1` workers are started. Its results are delivered like theirs.
   */
  readonly inThisThread?: (task: T) => Promise<unknown>;
  /**
   * Tasks a worker holds at once (default 1): with 2 it receives its next task while it works on one, so it
   * does not wait for this thread to answer (a thread busy with its own task answers late). It still runs
   * them one after the other; a second task is handed over only while enough tasks are left for everyone.
   */
  readonly ahead?: number;
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
  options: PoolOptions<T> = {},
): Promise<void> {
  if (tasks.length === 0) return;
  const queue = tasks.map((task, id) => ({ id, task }));
  const local = options.inThisThread;
  const ahead = Math.max(1, options.ahead ?? 1);
  const threads = Math.max(1, Math.min(jobs, tasks.length));
  const workerCount = local ? threads - 1 : threads;
  const workers = Array.from({ length: workerCount }, () => takePrestarted(script, workerData) ?? new Worker(script, { workerData }));
  void endPrestarted(script);
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
      const deliver = (id: number, result: unknown) => {
        try {
          onResult(tasks[id], result);
        } catch (error) {
          fail(error as Error, id);
        }
      };
      for (const worker of workers) {
        // The tasks handed to this worker, in the order it runs them (the first is running).
        const held: number[] = [];
        const next = () => {
          while (!failure && queue.length > 0 && (held.length === 0 || (held.length < ahead && queue.length >= threads))) {
            const item = queue.shift()!;
            held.push(item.id);
            busy++;
            worker.postMessage(item satisfies PoolTask<T>);
          }
        };
        const done = (id: number) => {
          const at = held.indexOf(id);
          if (at < 0) return false;
          held.splice(at, 1);
          busy--;
          return true;
        };
        // A crashed or ended worker loses what it held: the running task is reported, the others fail with it.
        const lose = () => {
          busy -= held.length;
          held.length = 0;
        };
        worker.on('message', (reply: PoolReply) => {
          if (reply.type === 'log') return log(reply.message);
          if (!done(reply.id)) return;
          if (reply.type === 'error') fail(deserialiseError(reply.error, (error) => taskFailure(describe(tasks[reply.id]), error)), reply.id);
          else deliver(reply.id, reply.result);
          next();
          settle();
        });
        worker.on('error', (error) => {
          const current = held[0];
          fail(current !== undefined ? taskFailure(describe(tasks[current]), error) : new RunFailure(`worker thread failed: ${describeThrown(error)}`, error), current ?? Infinity);
          lose();
          settle();
        });
        worker.on('exit', (code) => {
          const current = held[0];
          if (current === undefined) return;
          const task = describe(tasks[current]);
          fail(
            new RunFailure(
              code === 0
                ? `${task} never finished: its work stopped with nothing left to wait for (a plugin promise that never settles?)`
                : `${task}: worker thread exited with code ${code}`,
            ),
            current,
          );
          lose();
          settle();
        });
        next();
      }
      if (local) {
        // This thread's share: one task at a time from the same queue, after the workers got theirs.
        const work = async (): Promise<void> => {
          for (let item = queue.shift(); item && !failure; item = failure ? undefined : queue.shift()) {
            busy++;
            try {
              deliver(item.id, await local(item.task));
            } catch (error) {
              fail(taskFailure(describe(item.task), error), item.id);
            }
            busy--;
            // Let the workers' replies in (and hand them their next tasks) before the next task here: a
            // task that never waits for I/O would otherwise keep them out until this thread's share is done.
            await new Promise<void>((resume) => setImmediate(resume));
          }
          settle();
        };
        void work();
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The worker side: answers each task with `handle`, one task after the other in the order they came (a pool
 * may hand over the next task early), forwarding failures with their class and exit code.
 * While a task runs the port does not keep the thread alive, so a task whose promise never settles (with
 * nothing left to wait for) ends the thread, which the pool reports, instead of hanging the run.
 */
export function serveTasks<T>(port: MessagePort, handle: (task: T) => Promise<unknown>): void {
  const serve = async ({ id, task }: PoolTask<T>): Promise<void> => {
    port.unref();
    try {
      port.postMessage({ type: 'result', id, result: await handle(task) } satisfies PoolReply);
    } catch (error) {
      port.postMessage({ type: 'error', id, error: serialiseError(error) } satisfies PoolReply);
    } finally {
      port.ref();
    }
  };
  let queue = Promise.resolve();
  port.on('message', (message: PoolTask<T>) => {
    queue = queue.then(() => serve(message));
  });
}

/**
 * `serveTasks` with the handler made from this worker's data, which a prestarted worker (`prestartWorkers`)
 * receives as its first message; set-up work that needs no data (requiring modules) is done before.
 * Hints sent before the data (`prepareWorkers`) go to `prepare`, which may get ready for the set-up; what it
 * throws is dropped (the set-up meets the same problem and reports it).
 */
export function serveTasksOnceSetUp<D, T, H = never>(
  port: MessagePort,
  setUp: (data: D) => (task: T) => Promise<unknown>,
  prepare?: (hint: H) => void,
): void {
  if (thisWorkerData !== AWAITING_SETUP) return serveTasks(port, setUp(thisWorkerData as D));
  const first = (message: { setup: D } | { prepare: H }): void => {
    if ('prepare' in message) {
      try {
        prepare?.(message.prepare);
      } catch {
        // the set-up reports it
      }
      return;
    }
    port.off('message', first);
    // Later messages (the tasks) are dispatched after this one, to the listener serveTasks adds now.
    serveTasks(port, setUp(message.setup));
  };
  port.on('message', first);
}
