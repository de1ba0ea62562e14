/**
 * The coordinator side of a distributed run: enqueues the pending units of a run on BullMQ, and stores each
 * result as it comes back. Kill-safety comes from BullMQ (a stalled job of a killed worker goes back to the
 * queue after the lock times out; a failing job is retried `attempts` times) plus three rules here:
 *  - job ids are the run namespace + unit key, so enqueuing again (a resumed coordinator) never duplicates
 *    a unit, and results finished while no coordinator listened are collected from Redis;
 *  - a unit is stored once, whatever duplicate completions arrive;
 *  - a periodic sweep asks Redis for the state of every outstanding job: a job (or the datasets) gone after
 *    a Redis restart without persistence is enqueued (published) again instead of waited for forever, and
 *    an outage longer than `outageMs` ends the run with an error (finished units stay for --resume).
 */
import { createHash } from 'node:crypto';
import type { Queue as QueueType } from 'bullmq';
import type { DispatchContext, UnitDispatcher } from '../experiment/unit-dispatcher';
import type { Unit } from '../experiment/plan-units';
import { unitResultFromJson, type UnitResult } from '../experiment/unit-result';
import { RunFailure } from '../runtime/errors';
import { datasetsPresent, deleteDatasets, publishDatasets } from './dataset-transfer';
import { loadTf } from '../runtime/tf';
import { fingerprintDigest, runFingerprint } from './plugin-fingerprint';
import { connectRedis } from './redis-connect';
import { parseQueueUrl, withoutSecret, type QueueUrl } from './queue-url';
import { UNIT_QUEUE, unitJobId, type UnitJobData } from './unit-job';

export interface QueueDispatchOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...`. */
  readonly url: string;
  /** Tries per unit before the run fails naming it (default 3). */
  readonly attempts?: number;
  /** How often outstanding jobs are checked in Redis (default 2000 ms). */
  readonly sweepMs?: number;
  /** How long Redis may be unreachable before the run fails (default 120 s). */
  readonly outageMs?: number;
}

export function queueDispatcher(options: QueueDispatchOptions): UnitDispatcher {
  const url = parseQueueUrl(options.url);
  return {
    description: `BullMQ queue '${UNIT_QUEUE}' on ${url.display}`,
    run: (pending, context, store) => dispatch(pending, context, store, url, options),
  };
}

async function dispatch(
  pending: readonly Unit[],
  context: DispatchContext,
  store: (unit: Unit, result: UnitResult) => void,
  url: QueueUrl,
  options: QueueDispatchOptions,
): Promise<void> {
  const { log } = context;
  // Loaded here, not at import: `@emotrans/core` users who never distribute do not pay for BullMQ.
  const { Job, Queue, QueueEvents } = await import('bullmq');
  const attempts = Math.max(1, options.attempts ?? 3);
  const safe = (error: unknown) => withoutSecret((error as Error).message ?? String(error), url);
  const redis = await connectRedis(url);
  // Completion events carry the results; a short event stream keeps Redis memory small (the sweep finds any
  // result whose event was trimmed before this coordinator read it).
  const queue: QueueType<UnitJobData> = new Queue<UnitJobData>(UNIT_QUEUE, { connection: url.connection, streams: { events: { maxLen: 1000 } } });
  const events = new QueueEvents(UNIT_QUEUE, { connection: url.connection });
  let downSince: number | undefined;
  let over = false;
  const onError = (error: unknown) => {
    if (downSince === undefined) log(`redis ${url.display}: ${safe(error)}; reconnecting`);
    downSince ??= Date.now();
  };
  redis.on('error', onError);
  queue.on('error', onError);
  events.on('error', onError);
  redis.on('ready', () => {
    if (downSince !== undefined) log(`redis ${url.display}: connected again after ${((Date.now() - downSince) / 1000).toFixed(1)} s; checking every outstanding unit`);
    downSince = undefined;
  });

  redis.on('close', () => {
    if (over) return; // our own close at the end
    if (downSince === undefined) log(`redis ${url.display}: connection lost; reconnecting`);
    downSince ??= Date.now();
  });
  // Commands wait while Redis is away (BullMQ needs that), so the outage limit is watched from outside.
  const outageMs = options.outageMs ?? 120_000;
  let watch: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_resolve, reject) => {
    watch = setInterval(() => {
      if (downSince !== undefined && Date.now() - downSince > outageMs) {
        reject(new RunFailure(`lost Redis at ${url.display} for more than ${outageMs / 1000} s; finished units are kept in ${context.runDir}; run again with --resume ${context.runId} --queue <url> once Redis is back`));
      }
    }, Math.min(1000, outageMs));
  });
  const work = async () => {
    if (pending.length === 0) return;
    // What every worker checks before it runs a unit: core version, backend, the contributions' provenance.
    const contributions = context.provenance.map(({ location: _onlyHere, ...rest }) => rest);
    const fingerprint = runFingerprint(contributions, (await loadTf()).getBackend());
    // Results of other code or of another spec under the same run id must never be reused.
    const namespace = createHash('sha256').update(`${context.runId}\n${JSON.stringify(context.spec)}\n${fingerprintDigest(fingerprint)}`).digest('hex').slice(0, 16);
    let datasets = await publishDatasets(redis, context.datasets);
    log(`distributed run: ${pending.length} units on ${url.display} (queue '${UNIT_QUEUE}', run ${namespace}); datasets ${(datasets.bytes / 2 ** 20).toFixed(1)} MiB in Redis`);

    const byId = new Map(pending.map((u) => [unitJobId(namespace, u.key), u]));
    const outstanding = new Set(byId.keys());
    const failures = new Map<string, string>();
    const jobOf = (id: string) => {
      const unit = byId.get(id)!;
      const data: UnitJobData = { spec: context.spec, unitKey: unit.key, fingerprint, datasets: datasets.key, runId: context.runId };
      return { name: 'unit', data, opts: { jobId: id, attempts, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: false, removeOnFail: false } };
    };
    let wake: () => void = () => {};
    // A result that cannot be stored (full disk...) ends the run; the units stored so far stay for --resume.
    let fatal: Error | undefined;
    const finish = (id: string, returnvalue: unknown) => {
      if (!outstanding.delete(id)) return;
      const unit = byId.get(id)!;
      try {
        const json = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
        store(unit, unitResultFromJson(json));
      } catch (error) {
        fatal ??= error instanceof RunFailure ? error : new RunFailure(`unit ${unit.key}: its result could not be stored: ${(error as Error).message}`, error);
        wake();
        return;
      }
      // Stored on disk: Redis need not keep it (a resumed coordinator reads the unit file).
      void queue.remove(id).catch(() => {});
      if (outstanding.size === 0) wake();
    };
    const fail = (id: string, reason: string) => {
      if (!outstanding.delete(id)) return;
      failures.set(byId.get(id)!.key, reason);
      log(`unit ${byId.get(id)!.key} failed${reason.includes('refuses') ? '' : ` after ${attempts} attempt(s)`}: ${reason}`);
      if (outstanding.size === 0) wake();
    };
    events.on('completed', ({ jobId, returnvalue }) => outstanding.has(jobId) && finish(jobId, returnvalue));
    events.on('failed', ({ jobId }) => outstanding.has(jobId) && void check([jobId]).catch(() => {})); // the sweep looks again

    /** Looks at jobs in Redis: collects finished ones, records final failures, re-enqueues lost ones. */
    const check = async (ids: readonly string[]) => {
      const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
      const lost: string[] = [];
      await Promise.all(
        ids.map(async (id, i) => {
          const state = states[i];
          if (state === 'completed' || state === 'failed') {
            const job = await Job.fromId(queue, id);
            if (!job) return lost.push(id);
            if (state === 'completed') finish(id, job.returnvalue);
            else fail(id, job.failedReason);
          } else if (state === 'unknown') lost.push(id);
        }),
      );
      // A unit finished (and its job removed) while we looked is not lost.
      return lost.filter((id) => outstanding.has(id));
    };

    // A resumed coordinator: units failed before are tried again, finished ones are collected.
    const initial = [...outstanding];
    const states = await Promise.all(initial.map((id) => queue.getJobState(id)));
    const retry = initial.filter((_, i) => states[i] === 'failed');
    for (const id of retry) await queue.remove(id);
    const reused = initial.filter((_, i) => states[i] === 'completed');
    await check(reused);
    if (reused.length) log(`collected ${reused.length} units finished in Redis while no coordinator was listening`);
    const toAdd = [...outstanding].filter((id) => retry.includes(id) || states[initial.indexOf(id)] === 'unknown');
    if (toAdd.length) await queue.addBulk(toAdd.map(jobOf));

    let warnedNoWorkers = false;
    const sweepMs = options.sweepMs ?? 2000;
    while (!over && outstanding.size > 0 && !fatal) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, sweepMs);
      });
      if (fatal) break;
      if (downSince !== undefined) continue;
      if (outstanding.size === 0) break;
      try {
        const lost = await check([...outstanding]);
        if (lost.length) {
          if (!(await datasetsPresent(redis, datasets.key))) datasets = await publishDatasets(redis, context.datasets);
          log(`${lost.length} outstanding unit(s) vanished from Redis (restarted without persistence?); enqueued again`);
          await queue.addBulk(lost.map(jobOf));
        }
        if (!warnedNoWorkers && (await queue.getWorkersCount()) === 0) {
          warnedNoWorkers = true;
          log(`no worker is connected to ${url.display}; start some with: emotrans worker --queue ${url.display}`);
        }
      } catch (error) {
        if (redis.status === 'ready') log(`checking the outstanding units failed: ${safe(error)}; trying again`);
        else onError(error);
      }
    }
    if (fatal) throw fatal;
    await deleteDatasets(redis, datasets.key).catch(() => {});
    if (failures.size) {
      const list = [...failures].map(([key, reason]) => `  ${key}: ${reason}`).join('\n');
      throw new RunFailure(`${failures.size} unit(s) failed (finished units are kept; fix the cause and --resume ${context.runId}):\n${list}`);
    }
  };
  try {
    await Promise.race([work(), watchdog]);
  } finally {
    over = true;
    clearInterval(watch);
    // Closing and disconnecting wait for Redis; after an outage it may never answer, so each gets 2 s.
    const atMost2s = (work: Promise<unknown>) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await atMost2s(Promise.allSettled([events.close(), queue.close()]));
    await atMost2s(Promise.allSettled([events.disconnect(), queue.disconnect()]));
    redis.disconnect();
  }
}
