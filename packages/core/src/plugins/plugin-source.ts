import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../extension-points/contribution';
import { BadInputError } from '../runtime/errors';
import { discoverPluginFolders } from './discover';
import { resolvePlugin, type PluginFailure } from './load';
import { enginesProblem, readStaticManifest, type StaticManifest } from './static-manifest';

/**
 * A plugin as the session knows it before (and whether or not) its code runs: where it is, what its
 * package.json declares, and why it cannot be used, if it cannot.
 */
export interface PluginSource {
  readonly name: string;
  readonly version?: string;
  /** Real path of the plugin folder or file. */
  readonly location: string;
  /** package.json of a folder plugin. */
  readonly packageJson?: string;
  /** Its static manifest's contributions; undefined when it declares none (its code is loaded at start-up to learn them). */
  readonly contributes?: readonly Manifest[];
  /** Why its code will not be loaded (engines range, malformed manifest); it is still listed. */
  readonly problem?: string;
}

function sourceOf(location: string, manifest: StaticManifest | undefined): PluginSource {
  const problem = manifest && enginesProblem(manifest);
  return {
    name: manifest?.name ?? path.basename(location),
    version: manifest?.version,
    location,
    packageJson: manifest?.packageJson,
    contributes: manifest?.contributes,
    ...(problem ? { problem: `${manifest!.packageJson}: ${problem}` } : {}),
  };
}

/** A plugin's source from its folder or file; a malformed manifest or an excluding engines range throws (BadInputError). */
export function readPluginSource(location: string): PluginSource {
  const manifest = fs.statSync(location).isDirectory() ? readStaticManifest(location) : undefined;
  const source = sourceOf(location, manifest);
  if (source.problem) throw new BadInputError(source.problem);
  return source;
}

/**
 * The plugins of a session: those the user named (paths or package names, relative to `baseDir`; each
 * must be usable, else BadInputError) and those discovered (workspace and installed packages; a broken
 * one is kept with its `problem`, and its manifest still listed, when its package.json could be read).
 */
export function collectPluginSources(
  requested: readonly string[],
  options: { baseDir?: string; discover?: boolean } = {},
): { sources: PluginSource[]; failures: PluginFailure[]; requested: Set<string> } {
  const sources: PluginSource[] = [];
  const failures: PluginFailure[] = [];
  const seen = new Set<string>();
  const named = new Set<string>();
  for (const reference of requested) {
    const location = fs.realpathSync(resolvePlugin(reference, options.baseDir));
    if (seen.has(location)) continue;
    seen.add(location);
    sources.push(readPluginSource(location));
    named.add(location);
  }
  for (const location of options.discover === false ? [] : discoverPluginFolders(options.baseDir)) {
    if (seen.has(location)) continue;
    seen.add(location);
    try {
      const source = sourceOf(location, readStaticManifest(location));
      sources.push(source);
      if (source.problem) failures.push({ location, message: source.problem });
    } catch (error) {
      failures.push({ location, message: (error as Error).message });
    }
  }
  return { sources, failures, requested: named };
}
