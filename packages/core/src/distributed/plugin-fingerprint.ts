/**
 * What the coordinator and a worker compare before a worker runs a unit: the core's version, the tensor
 * backend, and for each loaded plugin its package name, version and a hash of its entry file. A worker runs
 * a job only when every plugin of the coordinator is loaded locally with the same version and entry hash
 * (extra local plugins are allowed: the spec cannot name what the coordinator does not have), and the core
 * version and backend agree; otherwise it refuses the job, naming what differs, instead of computing other
 * numbers. Self-contained on purpose: the per-contribution provenance of environment.json will replace it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { entryOf, type LoadedPlugin } from '../plugins/load';
import { readPackageJson } from '../plugins/discover';

export interface PluginFingerprint {
  readonly name: string;
  readonly version: string;
  /** sha256 of the file the plugin was required from (its package.json `main`, or the file given). */
  readonly entrySha256: string;
}

export interface RunFingerprint {
  readonly core: string;
  readonly backend: string;
  /** Sorted by name. */
  readonly plugins: readonly PluginFingerprint[];
}

function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function coreVersion(): string {
  return (readPackageJson(path.resolve(__dirname, '..', '..'))?.version as string | undefined) ?? '?';
}

export function fingerprintOf(plugins: readonly Pick<LoadedPlugin, 'name' | 'location'>[], backend: string): RunFingerprint {
  const entries = plugins.map((p) => ({
    name: p.name,
    version: (readPackageJson(p.location)?.version as string | undefined) ?? '-',
    entrySha256: sha256File(entryOf(p.location)),
  }));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { core: coreVersion(), backend, plugins: entries };
}

/** A short stable digest of a fingerprint (part of the job ids, so results of other code are never reused). */
export function fingerprintDigest(fingerprint: RunFingerprint): string {
  return createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex').slice(0, 16);
}

/** Why a worker with `local` must not run a job made with `expected`, or undefined when it may. */
export function fingerprintMismatch(expected: RunFingerprint, local: RunFingerprint): string | undefined {
  const problems: string[] = [];
  if (expected.core !== local.core) problems.push(`@emotrans/core ${local.core} here, ${expected.core} on the coordinator`);
  if (expected.backend !== local.backend) problems.push(`tensor backend '${local.backend}' here, '${expected.backend}' on the coordinator`);
  const mine = new Map(local.plugins.map((p) => [p.name, p]));
  for (const wanted of expected.plugins) {
    const have = mine.get(wanted.name);
    if (!have) problems.push(`plugin ${wanted.name}@${wanted.version} is not installed here`);
    else if (have.version !== wanted.version) problems.push(`plugin ${wanted.name} is version ${have.version} here, ${wanted.version} on the coordinator`);
    else if (have.entrySha256 !== wanted.entrySha256) {
      problems.push(`plugin ${wanted.name}@${wanted.version} has another entry file here (sha256 ${have.entrySha256.slice(0, 12)}, coordinator ${wanted.entrySha256.slice(0, 12)})`);
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}
