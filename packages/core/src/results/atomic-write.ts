import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, RunFailure, type EmotransError } from '../runtime/errors';

/** Suffix of the temporary files writeFileAtomic renames into place (left behind only by a killed process). */
export const TEMPORARY_SUFFIX = '.tmp';

/** Error codes that mean "no room": a full disk, a quota, a file-size limit (`ulimit -f`). */
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/** Error codes that mean "not allowed to write there": the user's choice of folder (exit 2), not a failure. */
const NO_PERMISSION = new Set(['EACCES', 'EPERM', 'EROFS']);

/** The closest folder of `folder` (itself or a parent) that exists: where a refused mkdir or create was. */
function existingFolder(folder: string): string {
  let dir = path.resolve(folder);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * The error for a write that did not complete, naming the file, its folder and what to do: a BadInputError
 * (exit 2) when the folder may not be written (permissions, a read-only file system), else a RunFailure.
 */
export function writeFailure(error: unknown, file: string): EmotransError {
  const code = (error as NodeJS.ErrnoException).code;
  const folder = path.dirname(file);
  if (code && NO_PERMISSION.has(code)) {
    const where = existingFolder(folder);
    const why = code === 'EROFS' ? 'the file system is read-only' : 'permission denied';
    return new BadInputError(`cannot be written: ${why} (${code}) in ${where}; choose another folder or change its permissions (nothing incomplete was left)`, file);
  }
  const why = code && NO_SPACE.has(code)
    ? `no space left (${code}) in ${folder}; free some space there and run again (finished work is kept)`
    : `${(error as Error).message ?? String(error)}`;
  return new RunFailure(`cannot write ${file}: ${why}; nothing incomplete was left under that name`, error);
}

/** Flushes a folder's entry table, so a rename into it survives a power cut (a no-op where unsupported). */
function fsyncDirectory(dir: string): void {
  let handle: number | undefined;
  try {
    handle = fs.openSync(dir, 'r');
    fs.fsyncSync(handle);
  } catch {
    // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic.
  } finally {
    if (handle !== undefined) fs.closeSync(handle);
  }
}

/**
 * Writes a file so that readers see either the old content or the whole new one, never a torn or short
 * write: the bytes go to a temporary file in the same folder, every byte is written (a short write is
 * retried, then an error), fsync'ed, its size checked, then renamed over `file` and the folder fsync'ed.
 * On any failure (ENOSPC, EFBIG, EACCES...) the temporary file is removed and a RunFailure names the file.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const dir = path.dirname(file);
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}${TEMPORARY_SUFFIX}`;
  let handle: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    handle = fs.openSync(temporary, 'w');
    let written = 0;
    while (written < bytes.length) {
      const n = fs.writeSync(handle, bytes, written, bytes.length - written);
      if (!(n > 0)) throw Object.assign(new Error(`short write: ${written} of ${bytes.length} bytes`), { code: 'ENOSPC' });
      written += n;
    }
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    handle = undefined;
    const size = fs.statSync(temporary).size;
    if (size !== bytes.length) throw Object.assign(new Error(`${size} of ${bytes.length} bytes reached the disk`), { code: 'ENOSPC' });
    fs.renameSync(temporary, file);
  } catch (error) {
    if (handle !== undefined) {
      try {
        fs.closeSync(handle);
      } catch {
        // already failing: the write error is the one to report
      }
    }
    fs.rmSync(temporary, { force: true });
    throw writeFailure(error, file);
  }
  fsyncDirectory(dir);
}

export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Removes the temporary files of writeFileAtomic under `dir` (recursively) that a killed process left
 * behind. Call it only while holding the folder's lock, when no other writer can be mid-write.
 */
export function removeStaleTemporaries(dir: string): string[] {
  const removed: string[] = [];
  const visit = (folder: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(TEMPORARY_SUFFIX) && /\.\d+\.[a-z0-9]+\.tmp$/.test(entry.name)) {
        fs.rmSync(full, { force: true });
        removed.push(full);
      }
    }
  };
  visit(dir);
  return removed;
}
