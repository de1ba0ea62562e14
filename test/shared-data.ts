import fs from 'node:fs';
import path from 'node:path';

/** The repository root (this file is in <root>/test). */
export const repoRoot = path.resolve(__dirname, '..');

/**
 * The project's shared folder: `EMOTRANS_SHARED` when set, else `<repo root>/../shared` (where CI puts it,
 * read-only, beside its clone).
 */
export function sharedDir(): string {
  return path.resolve(process.env.EMOTRANS_SHARED ?? path.join(repoRoot, '..', 'shared'));
}

/** A folder of the shared data, or undefined when it is absent (tests then skip, saying why). */
export function sharedData(name: string): { dir: string; present: boolean } {
  const dir = path.join(sharedDir(), 'data', name);
  return { dir, present: fs.existsSync(dir) && fs.statSync(dir).isDirectory() };
}
