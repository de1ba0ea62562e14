import fs from 'node:fs';
import path from 'node:path';

/** The `emotrans` field of a plugin's package.json. */
export interface PluginPackageField {
  /** Marks the package as an emotrans plugin. */
  readonly plugin: true;
}

/** Package names scanned for plugins in node_modules: the workspace's own and conventional third-party names. */
function isCandidateName(name: string): boolean {
  return name.startsWith('@emotrans/') || /^(@[^/]+\/)?emotrans-plugin-/.test(name);
}

function nodeModulesChain(start: string): string[] {
  const out: string[] = [];
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'node_modules');
    if (fs.existsSync(candidate)) out.push(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return out;
    dir = parent;
  }
}

/** Reads a package.json, or undefined when absent or unreadable. */
export function readPackageJson(dir: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

export function isPluginPackage(pkg: Record<string, unknown> | undefined): boolean {
  const field = pkg?.emotrans as PluginPackageField | undefined;
  return Boolean(field && field.plugin);
}

/**
 * Folders of installed plugin packages: workspace plugins (symlinked by npm under node_modules/@emotrans)
 * and any installed `emotrans-plugin-*` package, looked for in node_modules folders above `from` and
 * above the core itself. Each folder appears once (by real path).
 */
export function discoverPluginFolders(from: string = process.cwd()): string[] {
  const seen = new Set<string>();
  const folders: string[] = [];
  // The two chains usually share their upper folders (a workspace): each folder is read once.
  for (const nodeModules of new Set([...nodeModulesChain(from), ...nodeModulesChain(__dirname)])) {
    for (const entry of fs.readdirSync(nodeModules)) {
      const names = entry.startsWith('@')
        ? safeReaddir(path.join(nodeModules, entry)).map((sub) => `${entry}/${sub}`)
        : [entry];
      for (const name of names) {
        if (!isCandidateName(name)) continue;
        const dir = path.join(nodeModules, name);
        const real = safeRealpath(dir);
        if (!real || seen.has(real) || !isPluginPackage(readPackageJson(real))) continue;
        seen.add(real);
        folders.push(real);
      }
    }
  }
  return folders.sort();
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}
