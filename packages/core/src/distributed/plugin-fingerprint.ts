/**
 * What the coordinator and a worker compare before a worker runs a unit: the core's version, the tensor
 * backend, and the provenance (plugins/provenance.ts, the record environment.json keeps and `--resume`
 * checks) of the contributions a unit runs. A worker runs a job only when each of those contributions is
 * available locally from the same package, versions and code files, and the core version and backend
 * agree; otherwise it refuses the job naming what differs, instead of computing other numbers. Extra
 * local plugins do not matter: only the contributions the spec uses are compared.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { changedCodeFiles, type ContributionProvenance } from '../plugins/provenance';
import { readPackageJson } from '../plugins/discover';

export interface RunFingerprint {
  readonly core: string;
  readonly backend: string;
  /**
   * Provenance of the contributions a unit runs. A job's carries no `location` (a path on the coordinator);
   * a worker's keeps its own, so changed files are named where they are on the worker.
   */
  readonly contributions: readonly ContributionProvenance[];
}

function coreVersion(): string {
  return (readPackageJson(path.resolve(__dirname, '..', '..'))?.version as string | undefined) ?? '?';
}

/** The fingerprint of this process for `contributions` (from describeContributions) on `backend`. */
export function runFingerprint(contributions: readonly ContributionProvenance[], backend: string): RunFingerprint {
  return { core: coreVersion(), backend, contributions };
}

/** A short stable digest of a fingerprint (part of the job ids, so results of other code are never reused). */
export function fingerprintDigest(fingerprint: RunFingerprint): string {
  return createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex').slice(0, 16);
}

const FILE_CHANGE: Record<ReturnType<typeof changedCodeFiles>[number]['change'], string> = {
  edited: 'differs',
  gone: 'is missing here',
  added: 'is not on the coordinator',
};

/**
 * Why a worker with `local` must not run a job made with `expected`, or undefined when it may. `local`
 * holds the provenance of those of the expected contributions that the worker has (a missing one is named).
 */
export function fingerprintMismatch(expected: RunFingerprint, local: RunFingerprint): string | undefined {
  const problems: string[] = [];
  if (expected.core !== local.core) problems.push(`@emotrans/core ${local.core} here, ${expected.core} on the coordinator`);
  if (expected.backend !== local.backend) problems.push(`tensor backend '${local.backend}' here, '${expected.backend}' on the coordinator`);
  for (const wanted of expected.contributions) {
    const from = wanted.package ? ` (${wanted.package}${wanted.packageVersion ? `@${wanted.packageVersion}` : ''})` : '';
    const name = `${wanted.kind} '${wanted.id}'${from}`;
    const have = local.contributions.find((p) => p.kind === wanted.kind && p.id === wanted.id);
    if (!have) {
      problems.push(`${name} is not available here (load its plugin with --plugin)`);
      continue;
    }
    const show = (value: string | undefined) => (value === undefined ? 'none' : value);
    if (have.package !== wanted.package) problems.push(`${name}: comes from package ${show(have.package)} here`);
    else if (have.packageVersion !== wanted.packageVersion) problems.push(`${name}: package version ${show(have.packageVersion)} here, ${show(wanted.packageVersion)} on the coordinator`);
    if (have.version !== wanted.version) problems.push(`${name}: manifest version ${show(have.version)} here, ${show(wanted.version)} on the coordinator`);
    if (have.entryHash !== wanted.entryHash) {
      const files = changedCodeFiles(wanted, have).map((c) => `${c.file} ${FILE_CHANGE[c.change]}`);
      problems.push(`${name}: other code here: ${files.join(', ') || `entry hash ${show(have.entryHash?.slice(0, 12))} here, ${show(wanted.entryHash?.slice(0, 12))} on the coordinator`}`);
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}
