/**
 * `emotrans worker`: a BullMQ worker that pulls unit jobs from the queue and runs each on a worker thread
 * (BullMQ's sandboxed processors, distributed/unit-processor.ts), so the main thread stays free to renew job
 * locks however long a unit computes. `stop()` lets the current jobs finish; `stop(true)` returns them to
 * the queue at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunFailure } from '../runtime/errors';
import { connectRedis } from './redis-connect';
import { parseQueueUrl, withoutSecret } from './queue-url';
import { UNIT_QUEUE, type UnitJobData } from './unit-job';
import { WORKER_ENV } from './worker-env';

export interface QueueWorkerOptions {
  readonly url: string;
  /** Units run at once, each on its own thread (default 1). */
  readonly concurrency?: number;
  /** Plugin references (paths or packages) loaded besides the installed ones. */
  readonly plugins?: readonly string[];
  /**
   * How long a job's lock lasts without renewal (default 30 s): a killed worker's job returns to the queue
   * after about this long. Stalled jobs are looked for every half of it.
   */
  readonly lockMs?: number;
  readonly log?: (message: string) => void;
}

export interface QueueWorker {
  /** Stops taking jobs; `force` returns the running ones to the queue instead of finishing them. */
  stop(force?: boolean): Promise<void>;
  /** Resolves when the worker has closed. */
  readonly closed: Promise<void>;
}

function processorFile(): string {
  const beside = path.join(__dirname, 'unit-processor.js');
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', 'dist', 'distributed', 'unit-processor.js');
  if (fs.existsSync(built)) return built;
  throw new RunFailure(`the worker needs the compiled processor ${beside}; build with 'npx tsc -b'`);
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const url = parseQueueUrl(options.url);
  const log = options.log ?? (() => {});
  const safe = (error: unknown) => withoutSecret((error as Error).message ?? String(error), url);
  // The processor threads read these (copies of this process's environment, never printed).
  process.env[WORKER_ENV.url] = options.url;
  process.env[WORKER_ENV.plugins] = JSON.stringify((options.plugins ?? []).map((p) => (fs.existsSync(p) ? path.resolve(p) : p)));
  // Fails fast on a wrong password or an unreachable host, before BullMQ starts retrying for ever.
  (await connectRedis(url)).disconnect();
  const { Worker } = await import('bullmq');
  const lockMs = options.lockMs ?? 30_000;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const worker = new Worker<UnitJobData>(UNIT_QUEUE, processorFile(), {
    connection: url.connection,
    concurrency,
    useWorkerThreads: true,
    lockDuration: lockMs,
    stalledInterval: Math.max(100, Math.floor(lockMs / 2)),
    // A job whose worker died is retried; its attempts budget is for real failures.
    maxStalledCount: 5,
    name: `${os.hostname()}:${process.pid}`,
  });
  let down = false;
  worker.on('error', (error) => {
    if (!down) log(`worker: redis ${url.display}: ${safe(error)}; reconnecting`);
    down = true;
  });
  worker.on('ready', () => {
    if (down) log(`worker: connected again to ${url.display}`);
    down = false;
  });
  worker.on('active', (job) => log(`unit ${job.data.unitKey} (run ${job.data.runId}) started`));
  worker.on('completed', (job) => log(`unit ${job.data.unitKey} done in ${((Date.now() - (job.processedOn ?? Date.now())) / 1000).toFixed(1)} s`));
  worker.on('failed', (job, error) => log(`unit ${job?.data.unitKey ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${safe(error)}`));
  await worker.waitUntilReady().catch((error) => {
    throw new RunFailure(`cannot reach Redis at ${url.display}: ${safe(error)}`);
  });
  log(`worker ${os.hostname()}:${process.pid} serving '${UNIT_QUEUE}' on ${url.display} with ${concurrency} thread(s)`);
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  worker.on('closed', () => resolveClosed());
  return {
    closed,
    async stop(force = false) {
      if (force) worker.cancelAllJobs('worker stopped');
      await worker.close();
    },
  };
}
