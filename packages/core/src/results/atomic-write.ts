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
  const writer = new AtomicFileWriter(file);
  writer.write(typeof content === 'string' ? Buffer.from(content) : content);
  writer.commit();
}

/**
 * writeFileAtomic for content written in pieces (a long feature matrix streamed to the cache): `write` as
 * often as needed, then `commit` (fsync, size check, rename, folder fsync) or `abort`. Any failure removes the
 * temporary file and throws a RunFailure naming `file`; nothing ever appears under `file` unless complete.
 */
export class AtomicFileWriter {
  private readonly temporary: string;
  private handle: number | undefined;
  private written = 0;
  private flushing = false;

  constructor(private readonly file: string) {
    this.temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}${TEMPORARY_SUFFIX}`;
    this.attempt(() => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      this.handle = fs.openSync(this.temporary, 'w');
    });
  }

  write(bytes: Uint8Array): void {
    this.attempt(() => {
      if (this.handle === undefined) throw new Error('already closed');
      let done = 0;
      while (done < bytes.length) {
        const n = fs.writeSync(this.handle, bytes, done, bytes.length - done);
        if (!(n > 0)) throw Object.assign(new Error(`short write: ${this.written + done} of ${this.written + bytes.length} bytes`), { code: 'ENOSPC' });
        done += n;
      }
      this.written += done;
    });
  }

  /**
   * Starts putting what was written so far on the disk in the background (libuv's thread pool), so that the
   * fsync of `commit` finds little left to wait for (a long feature matrix is flushed while its CSV is
   * formatted). Only a head start: `commit` still fsyncs everything before the rename. Through a descriptor of
   * its own, so a write error this flush meets is still reported to commit's fsync (Linux reports such an
   * error once per open file description).
   */
  startFlush(): void {
    if (this.flushing || this.handle === undefined) return;
    let fd: number;
    try {
      fd = fs.openSync(this.temporary, 'r'); // now: a callback would come only once this thread is idle
    } catch {
      return; // a head start only
    }
    this.flushing = true;
    fs.fdatasync(fd, () => fs.close(fd, () => (this.flushing = false)));
  }

  commit(): void {
    this.attempt(() => {
      if (this.handle === undefined) throw new Error('already closed');
      fs.fsyncSync(this.handle);
      fs.closeSync(this.handle);
      this.handle = undefined;
      const size = fs.statSync(this.temporary).size;
      if (size !== this.written) throw Object.assign(new Error(`${size} of ${this.written} bytes reached the disk`), { code: 'ENOSPC' });
      fs.renameSync(this.temporary, this.file);
    });
    fsyncDirectory(path.dirname(this.file));
  }

  /** Drops what was written; `file` is left as it was. */
  abort(): void {
    this.close();
    fs.rmSync(this.temporary, { force: true });
  }

  private close(): void {
    if (this.handle === undefined) return;
    try {
      fs.closeSync(this.handle);
    } catch {
      // already failing: the write error is the one to report
    }
    this.handle = undefined;
  }

  private attempt(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.abort();
      throw writeFailure(error, this.file);
    }
  }
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
