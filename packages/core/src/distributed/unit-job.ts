import type { ExperimentSpec } from '../spec/experiment-spec';
import type { RunFingerprint } from './plugin-fingerprint';

/** The one BullMQ queue every coordinator and worker uses; runs are told apart by job id. */
export const UNIT_QUEUE = 'emotrans-units';

/**
 * What a job carries: data only, never code. The worker runs the contributions the spec names from its
 * own installed plugins, after checking they match `fingerprint`.
 */
export interface UnitJobData {
  readonly spec: ExperimentSpec;
  readonly unitKey: string;
  readonly fingerprint: RunFingerprint;
  /** Redis key of the prepared datasets (dataset-transfer.ts). */
  readonly datasets: string;
  /** Run id, for workers' logs. */
  readonly runId: string;
}

/** Job id of a unit in a run namespace; BullMQ ids may not contain ':'. */
export function unitJobId(namespace: string, unitKey: string): string {
  return `${namespace}.${unitKey.replace(/:/g, '%3A')}`;
}
