/**
 * Provenance of the contributions a run uses: which plugin (package name and version) provides each, the
 * manifest version, and a hash of the plugin code that ran (its entry file and the local files it
 * requires). Recorded in a run's environment.json; `--resume` refuses when any of it changed, and worker
 * threads (and, later, other machines) load exactly the plugins recorded here. Self-contained: it needs a
 * registry whose plugins are loaded, nothing of the runner.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContributionKind } from '../extension-points/contribution';
import type { ContributionRegistry } from '../registry/registry';
import { entryOf } from './load';

/** Where one contribution comes from and what its code was. */
export interface ContributionProvenance {
  readonly kind: ContributionKind;
  readonly id: string;
  /** `manifest.version` (undefined when the manifest has none). */
  readonly version?: string;
  /** package.json name and version of the providing plugin (a plain-file plugin: its file name, no version). */
  readonly package?: string;
  readonly packageVersion?: string;
  /** The plugin folder or file a worker loads it from. */
  readonly location?: string;
  /** sha256 over `files` (path and content): changes when any of the plugin's code changes. */
  readonly entryHash?: string;
  /** The plugin's code files that ran (entry first), relative to `location`, each with its sha256. */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * True for a contribution bound in this process (a notebook cell's `container.load(contribute(x))`, a
   * test's hand-built container): no file holds it, so no worker thread or other machine can load it.
   */
  readonly inProcess?: true;
}

/** A reference to a contribution: its kind and id. */
export interface ContributionKey {
  readonly kind: ContributionKind;
  readonly id: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The code files of a loaded plugin: its entry and, transitively, the modules it required that live in
 * its own folder (not its node_modules). Read from Node's module cache; the entry alone when the plugin
 * was loaded by another module system (a test runner's).
 */
export function pluginCodeFiles(location: string): string[] {
  const entry = entryOf(location);
  const root = fs.statSync(location).isDirectory() ? location : path.dirname(location);
  const cache = require.cache as Record<string, NodeModule | undefined>;
  const seen = new Set<string>([entry]);
  const visit = (module: NodeModule | undefined) => {
    for (const child of module?.children ?? []) {
      const file = child.filename;
      if (seen.has(file) || !file.startsWith(root + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
      seen.add(file);
      visit(child);
    }
  };
  visit(cache[entry]);
  return [entry, ...[...seen].filter((f) => f !== entry).sort()];
}

/** Hashes of the plugin code files, keyed by path relative to the plugin, and the hash over all of them. */
export function hashPluginCode(location: string): { entryHash: string; files: Record<string, string> } {
  const root = fs.statSync(location).isDirectory() ? location : path.dirname(location);
  const files: Record<string, string> = {};
  for (const file of pluginCodeFiles(location)) files[path.relative(root, file)] = sha256(fs.readFileSync(file));
  const entryHash = sha256(Object.entries(files).map(([f, h]) => `${f}\0${h}\n`).join(''));
  return { entryHash, files };
}

/**
 * The provenance of each contribution in `keys` (loading its plugin if needed). Order and duplicates
 * follow `keys` with duplicates dropped.
 */
export function describeContributions(keys: readonly ContributionKey[], registry: ContributionRegistry): ContributionProvenance[] {
  const out: ContributionProvenance[] = [];
  const seen = new Set<string>();
  for (const { kind, id } of keys) {
    if (seen.has(`${kind}/${id}`)) continue;
    seen.add(`${kind}/${id}`);
    const contribution = registry.get(kind, id);
    const plugin = registry.originOf(contribution);
    const version = contribution.manifest.version;
    if (!plugin) {
      out.push({ kind, id, ...(version !== undefined ? { version } : {}), inProcess: true });
      continue;
    }
    out.push({
      kind,
      id,
      ...(version !== undefined ? { version } : {}),
      package: plugin.name,
      ...(plugin.version !== undefined ? { packageVersion: plugin.version } : {}),
      location: plugin.location,
      ...hashPluginCode(plugin.location),
    });
  }
  return out;
}

/** One code file that differs between two provenances of a contribution. */
export interface ChangedCodeFile {
  /** The file under `now.location` when known (else relative to the plugin). */
  readonly file: string;
  readonly change: 'edited' | 'gone' | 'added';
}

/**
 * The code files whose hash differs between `before` and `now` (both of one contribution): edited, gone
 * (only in `before`) or added (only in `now`). Paths are relative to the plugin, so two machines compare.
 */
export function changedCodeFiles(before: ContributionProvenance, now: ContributionProvenance): ChangedCodeFile[] {
  const root = now.location && (fs.existsSync(now.location) && fs.statSync(now.location).isDirectory() ? now.location : path.dirname(now.location));
  const named = (f: string) => (root ? path.join(root, f) : f);
  const files = new Set([...Object.keys(before.files ?? {}), ...Object.keys(now.files ?? {})]);
  return [...files]
    .filter((f) => before.files?.[f] !== now.files?.[f])
    .map((f) => ({ file: named(f), change: before.files?.[f] ? (now.files?.[f] ? 'edited' : 'gone') : 'added' }));
}

/**
 * What changed between a recorded provenance and the current one, one line per change naming the
 * contribution and, for code, the file (empty when nothing did).
 */
export function provenanceChanges(before: readonly ContributionProvenance[], now: readonly ContributionProvenance[]): string[] {
  const changes: string[] = [];
  const key = (p: ContributionKey) => `${p.kind} '${p.id}'`;
  for (const previous of before) {
    const current = now.find((p) => p.kind === previous.kind && p.id === previous.id);
    if (!current) {
      changes.push(`${key(previous)} is no longer used`);
      continue;
    }
    for (const field of ['version', 'package', 'packageVersion'] as const) {
      if (previous[field] !== current[field]) changes.push(`${key(previous)}: ${field} was ${JSON.stringify(previous[field])}, is ${JSON.stringify(current[field])}`);
    }
    if (previous.inProcess !== current.inProcess) changes.push(`${key(previous)}: was ${previous.inProcess ? 'defined in the process' : 'from a plugin'}, is not`);
    if (previous.entryHash === current.entryHash) continue;
    const changed = changedCodeFiles(previous, current);
    changes.push(`${key(previous)}: code changed: ${changed.map((c) => `${c.file} ${c.change === 'added' ? 'new' : c.change}`).join(', ') || 'entry hash differs'}`);
  }
  for (const current of now) {
    if (!before.some((p) => p.kind === current.kind && p.id === current.id)) changes.push(`${key(current)} is used now but was not`);
  }
  return changes;
}
