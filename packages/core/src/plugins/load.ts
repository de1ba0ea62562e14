import fs from 'node:fs';
import path from 'node:path';
import { ContainerModule } from 'inversify';
import { BadInputError, describeThrown } from '../runtime/errors';
import { readPackageJson } from './discover';
import { installPluginRequireHooks } from './typescript-require';
import { registerApiHost } from './api-host';

/** A loaded plugin: where it came from and the module it contributes. */
export interface LoadedPlugin {
  readonly name: string;
  readonly location: string;
  readonly module: ContainerModule;
}

const ENTRY_CANDIDATES = ['index.js', 'index.ts', 'dist/index.js', 'src/index.ts'];

/** The file to require for a plugin folder or file. */
export function entryOf(target: string): string {
  if (fs.statSync(target).isFile()) return target;
  const pkg = readPackageJson(target);
  if (typeof pkg?.main === 'string') {
    const main = path.resolve(target, pkg.main);
    if (!fs.existsSync(main)) throw new BadInputError(`plugin entry ${pkg.main} does not exist (not built yet? run npm run build)`, target);
    return main;
  }
  for (const candidate of ENTRY_CANDIDATES) {
    const file = path.join(target, candidate);
    if (fs.existsSync(file)) return file;
  }
  throw new BadInputError(`no plugin entry found (looked for package.json "main", ${ENTRY_CANDIDATES.join(', ')})`, target);
}

function looksLikePath(reference: string): boolean {
  return reference.startsWith('.') || path.isAbsolute(reference) || reference.includes(path.sep) && !reference.startsWith('@');
}

/**
 * Resolves a plugin reference — a path to a folder or file, or an npm package name — relative to `baseDir`.
 */
export function resolvePlugin(reference: string, baseDir: string = process.cwd()): string {
  if (looksLikePath(reference)) {
    const target = path.resolve(baseDir, reference);
    if (!fs.existsSync(target)) throw new BadInputError(`plugin path does not exist: ${target}`);
    return target;
  }
  try {
    return path.dirname(require.resolve(`${reference}/package.json`, { paths: [baseDir, process.cwd()] }));
  } catch {
    throw new BadInputError(`plugin package '${reference}' is not installed (looked from ${baseDir}); install it or give a path`);
  }
}

/** Requires a plugin's entry file (folder or file) and returns its ContainerModule (export `containerModule` or `default`). */
export function requirePluginModule(location: string): { entry: string; module: ContainerModule } {
  installPluginRequireHooks();
  registerApiHost();
  const entry = entryOf(location);
  let exported: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(entry);
  } catch (error) {
    throw new BadInputError(`plugin failed to load: ${describeThrown(error)}`, entry);
  }
  const candidate = exported.containerModule ?? exported.default;
  if (!isContainerModule(candidate)) {
    throw new BadInputError('plugin does not export a ContainerModule as `containerModule` or `default`', entry);
  }
  return { entry, module: candidate };
}

/** Requires a plugin by reference (path or package name) and returns its ContainerModule. */
export function loadPlugin(reference: string, baseDir?: string): LoadedPlugin {
  const location = resolvePlugin(reference, baseDir);
  const { module } = requirePluginModule(location);
  const name = (readPackageJson(location)?.name as string | undefined) ?? path.basename(location);
  return { name, location, module };
}

function isContainerModule(value: unknown): value is ContainerModule {
  return typeof value === 'object' && value !== null && typeof (value as ContainerModule).registry === 'function' && 'id' in value;
}

/** A discovered plugin that could not be loaded (reported, not fatal: it may be unrelated to the run). */
export interface PluginFailure {
  readonly location: string;
  readonly message: string;
}
