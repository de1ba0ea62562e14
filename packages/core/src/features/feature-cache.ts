import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createFeatureMatrix, type FeatureMatrix } from '../data/feature-matrix';
import { writeFileAtomic } from '../results/atomic-write';
import { BadInputError, fileReadError } from '../runtime/errors';
import { tryLock } from '../results/lock-file';
import { checkRegularFile } from '../audio/regular-file';

const FORMAT = 'emotrans-features-2';

/** What the cache holds for a key: a checked matrix, nothing, or an entry that failed its checks. */
export type CacheLookup =
  | { readonly status: 'hit'; readonly matrix: FeatureMatrix }
  | { readonly status: 'miss' }
  | { readonly status: 'corrupt'; readonly reason: string };

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` give the same cache key. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

interface EntryHeader {
  format: string;
  key: string;
  names: string[];
  frameRate: number;
  rows: number;
  sha256: string;
}

function checkHeader(header: EntryHeader, key: string): string | undefined {
  if (header.format !== FORMAT) return `format ${JSON.stringify(header.format)}`;
  if (header.key !== key) return 'entry belongs to another key';
  if (!Array.isArray(header.names) || !header.names.every((n) => typeof n === 'string')) return 'bad feature names';
  if (!Number.isInteger(header.rows) || header.rows < 0) return 'bad row count';
  if (!(header.frameRate > 0)) return 'bad frame rate';
  return undefined;
}

/**
 * Feature matrices on disk, keyed by audio content + feature set id + version + options. Each entry carries
 * its key and a SHA-256 of its payload; an entry that does not check out (truncated, corrupted, from another
 * format) is reported as corrupt and never used; the caller recomputes and overwrites it.
 */
export class FeatureCache {
  constructor(readonly dir: string) {}

  static key(parts: { audioKey: string; featureSet: string; version: string; options: unknown }): string {
    return createHash('sha256')
      .update(canonicalJson([FORMAT, parts.audioKey, parts.featureSet, parts.version, parts.options]))
      .digest('hex');
  }

  /** The content key of an audio file, its hash remembered across runs under this cache's folder. */
  audioKeyOf(file: string): string {
    return fileContentKey(file, path.join(this.dir, 'hashes'));
  }

  /** Where the entry of a key lives. */
  file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.bin`);
  }

  lookup(key: string): CacheLookup {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.file(key));
    } catch {
      return { status: 'miss' };
    }
    try {
      if (bytes.length < 4) return { status: 'corrupt', reason: 'shorter than its header' };
      const headerLength = bytes.readUInt32LE(0);
      if (4 + headerLength > bytes.length) return { status: 'corrupt', reason: 'header cut short' };
      const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as EntryHeader;
      const problem = checkHeader(header, key);
      if (problem) return { status: 'corrupt', reason: problem };
      const payload = bytes.subarray(4 + headerLength);
      const rows = header.rows;
      const cols = header.names.length;
      if (payload.length !== rows * 8 + rows * cols * 4) {
        return { status: 'corrupt', reason: `payload is ${payload.length} bytes, expected ${rows * 8 + rows * cols * 4}` };
      }
      if (header.sha256 !== createHash('sha256').update(payload).digest('hex')) return { status: 'corrupt', reason: 'checksum mismatch' };
      const copy = new Uint8Array(payload); // aligned copy for typed-array views
      const times = new Float64Array(copy.buffer, 0, rows);
      const data = new Float32Array(copy.buffer, rows * 8, rows * cols);
      return { status: 'hit', matrix: createFeatureMatrix(header.names, header.frameRate, times, data) };
    } catch (error) {
      return { status: 'corrupt', reason: (error as Error).message };
    }
  }

  /** The cached matrix, or undefined when absent or corrupt. */
  get(key: string): FeatureMatrix | undefined {
    const found = this.lookup(key);
    return found.status === 'hit' ? found.matrix : undefined;
  }

  /**
   * Takes the right to compute the entry of `key` (one writer per entry across processes). When another
   * live process holds it, waits for that process to finish and returns its matrix; a lock of a dead process
   * is taken over. `release()` must be called once the entry is written (or given up).
   */
  async claim(key: string, pollMs = 100, maxWaitMs = 30 * 60_000): Promise<{ matrix?: FeatureMatrix; release: () => void }> {
    const lockFile = `${this.file(key)}.lock`;
    const started = Date.now();
    for (;;) {
      let attempt;
      try {
        fs.mkdirSync(path.dirname(lockFile), { recursive: true });
        attempt = tryLock(lockFile);
      } catch {
        return { release: () => {} }; // a read-only cache: compute without writing
      }
      if (attempt.acquired) {
        // The previous holder may have written the entry just before letting go.
        const found = this.lookup(key);
        if (found.status === 'hit') {
          attempt.release();
          return { matrix: found.matrix, release: () => {} };
        }
        return { release: attempt.release };
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const found = this.lookup(key);
      if (found.status === 'hit') return { matrix: found.matrix, release: () => {} };
      if (Date.now() - started > maxWaitMs) return { release: () => {} };
    }
  }

  set(key: string, matrix: FeatureMatrix): void {
    const payload = Buffer.concat([
      Buffer.from(matrix.times.buffer, matrix.times.byteOffset, matrix.times.byteLength),
      Buffer.from(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength),
    ]);
    const header: EntryHeader = {
      format: FORMAT,
      key,
      names: [...matrix.names],
      frameRate: matrix.frameRate,
      rows: matrix.rows,
      sha256: createHash('sha256').update(payload).digest('hex'),
    };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(headerBytes.length);
    writeFileAtomic(this.file(key), Buffer.concat([length, headerBytes, payload]));
  }
}

/** What identifies a file's version without reading it. */
function statSignature(stat: fs.Stats): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

const memo = new Map<string, { signature: string; hash: string }>();
const CHUNK = 1 << 20;

/** SHA-256 of a file's bytes, read in 1 MiB chunks so large audio never sits in memory whole. */
function hashFile(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(CHUNK);
  const fd = fs.openSync(file, 'r');
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * A stable content key for a file's bytes (SHA-256). The hash is remembered by path, size, mtime, ctime and
 * inode — in this process, and across runs in `memoDir` when given — so unchanged files are not re-read.
 */
export function fileContentKey(file: string, memoDir?: string): string {
  let real: string;
  let signature: string;
  try {
    real = fs.realpathSync(file);
    const stat = fs.statSync(real);
    checkRegularFile(stat, file);
    signature = statSignature(stat);
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    throw fileReadError(error, file, 'audio', 'audio file not found');
  }
  const remembered = memo.get(real);
  if (remembered?.signature === signature) return remembered.hash;
  const memoFile = memoDir ? path.join(memoDir, `${createHash('sha256').update(real).digest('hex')}.json`) : undefined;
  if (memoFile) {
    try {
      const stored = JSON.parse(fs.readFileSync(memoFile, 'utf8')) as { path: string; signature: string; hash: string };
      if (stored.path === real && stored.signature === signature && /^[0-9a-f]{64}$/.test(stored.hash)) {
        memo.set(real, { signature, hash: stored.hash });
        return stored.hash;
      }
    } catch {
      // absent or unreadable: hash the file
    }
  }
  let hash: string;
  try {
    hash = hashFile(real);
  } catch (error) {
    throw fileReadError(error, file, 'audio');
  }
  memo.set(real, { signature, hash });
  if (memoFile) {
    try {
      writeFileAtomic(memoFile, JSON.stringify({ path: real, signature, hash }));
    } catch {
      // Remembering the hash only saves time; a full disk must not fail the run for it.
    }
  }
  return hash;
}
