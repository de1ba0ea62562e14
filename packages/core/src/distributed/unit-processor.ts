/**
 * BullMQ sandboxed processor (one per worker thread of `emotrans worker`): checks the job's fingerprint
 * (core version, backend, provenance of the contributions a unit runs) against this worker's, fetches the run's datasets from Redis once, plans the units from the
 * spec and seed exactly as the coordinator did, runs the unit named by the job and returns its result.
 * Its random stream is forked from the seed and the unit key as in a serial run, so the numbers do not
 * depend on which machine ran it. Configuration comes from the environment the worker command set.
 */
import os from 'node:os';
import IORedis from 'ioredis';
import type { SandboxedJob } from 'bullmq';
import { createSession, type Session } from '../session';
import { createRandom } from '../runtime/random';
import { silentProgress } from '../runtime/progress';
import { loadTf } from '../runtime/tf';
import { defaultCacheDir } from '../experiment/runner';
import type { DomainDataset } from '../experiment/dataset';
import { planUnits, unitSeedLabel, type Unit } from '../experiment/plan-units';
import { runUnit } from '../experiment/run-unit';
import { unitResultToJson } from '../experiment/unit-result';
import { fetchDatasets } from './dataset-transfer';
import { describeContributions } from '../plugins/provenance';
import { fingerprintMismatch, runFingerprint, type RunFingerprint } from './plugin-fingerprint';
import { parseQueueUrl } from './queue-url';
import type { UnitJobData } from './unit-job';
import { WORKER_ENV } from './worker-env';

let redis: IORedis | undefined;
const sessions = new Map<string, Session>();
/** This worker's fingerprints, by session and the contributions asked for (plugins are loaded once per thread). */
const fingerprints = new Map<string, RunFingerprint>();
let prepared: { key: string; datasets: Map<string, DomainDataset>; units: Map<string, Unit>; specJson: string } | undefined;

/** An error BullMQ does not retry (matched by name, which survives the thread boundary). */
function unrecoverable(message: string): Error {
  const error = new Error(message);
  Object.defineProperty(error, 'name', { value: 'UnrecoverableError', enumerable: true });
  return error;
}

/** The session for the worker's plugins plus the spec's; the spec's are skipped when not installed here (the fingerprint then says so). */
function sessionFor(specPlugins: readonly string[]): Session {
  const own: string[] = JSON.parse(process.env[WORKER_ENV.plugins] ?? '[]');
  const key = JSON.stringify(specPlugins);
  let session = sessions.get(key);
  if (!session) {
    try {
      session = createSession({ plugins: [...own, ...specPlugins] });
    } catch {
      session = createSession({ plugins: own });
    }
    sessions.set(key, session);
  }
  return session;
}

/** This worker's fingerprint for the contributions `expected` names that its registry has (a missing one is then named). */
async function localFingerprint(specPlugins: readonly string[], session: Session, expected: RunFingerprint): Promise<RunFingerprint> {
  const keys = expected.contributions.filter((p) => session.registry.has(p.kind, p.id)).map(({ kind, id }) => ({ kind, id }));
  const key = JSON.stringify([specPlugins, keys]);
  let fingerprint = fingerprints.get(key);
  if (!fingerprint) {
    fingerprint = runFingerprint(describeContributions(keys, session.registry), (await loadTf()).getBackend());
    fingerprints.set(key, fingerprint);
  }
  return fingerprint;
}

/**
 * Resolves with `work`, unless the worker is stopped hard (second Ctrl-C) first: then the job goes back to
 * the queue at once (not counted as an attempt) for another worker, instead of waiting for its lock to expire.
 */
async function unlessReturned<T>(work: Promise<T>, job: SandboxedJob<UnitJobData>, token: string | undefined, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  let onAbort = () => {};
  const returned = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      void job.moveToWait(token).finally(() => {
        const error = new Error(`unit ${job.data.unitKey} returned to the queue`);
        Object.defineProperty(error, 'name', { value: 'WaitingError', enumerable: true });
        reject(error);
      });
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, returned]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export default async function processUnit(job: SandboxedJob<UnitJobData>, token?: string, signal?: AbortSignal): Promise<unknown> {
  const { spec, unitKey, fingerprint, datasets: datasetsKey } = job.data;
  if (!Array.isArray(fingerprint?.contributions)) {
    throw unrecoverable(`worker ${os.hostname()} (pid ${process.pid}) refuses unit ${unitKey}: the job carries no contribution provenance (made by another emotrans, core ${fingerprint?.core ?? '?'})`);
  }
  const session = sessionFor(spec.plugins ?? []);
  const mismatch = fingerprintMismatch(fingerprint, await localFingerprint(spec.plugins ?? [], session, fingerprint));
  if (mismatch) throw unrecoverable(`worker ${os.hostname()} (pid ${process.pid}) refuses unit ${unitKey}: ${mismatch}`);

  const specJson = JSON.stringify(spec);
  if (!prepared || prepared.key !== datasetsKey || prepared.specJson !== specJson) {
    redis ??= new IORedis(parseQueueUrl(process.env[WORKER_ENV.url] ?? '').connection);
    const datasets = await fetchDatasets(redis, datasetsKey);
    const units = new Map(planUnits(spec, datasets, createRandom(spec.seed)).map((u) => [u.key, u]));
    prepared = { key: datasetsKey, datasets, units, specJson };
  }
  const unit = prepared.units.get(unitKey);
  if (!unit) throw unrecoverable(`unit ${unitKey} is not in the plan of this spec (coordinator and worker plan differently)`);
  const random = createRandom(spec.seed).fork(unitSeedLabel(unit));
  const work = runUnit(unit, spec, prepared.datasets, session.registry, {
    random,
    cacheDir: defaultCacheDir(),
    progress: silentProgress,
    log: (message) => void job.log(message),
    tf: () => loadTf(),
  });
  const result = await unlessReturned(work, job, token, signal);
  return unitResultToJson(result);
}
