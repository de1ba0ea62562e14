import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createFeatureMatrix, type FeatureMatrix } from '../data/feature-matrix';
import { AtomicFileWriter, TEMPORARY_SUFFIX, writeFileAtomic } from '../results/atomic-write';
import { BadInputError, fileReadError } from '../runtime/errors';
import { tryLock } from '../results/lock-file';
import { checkRegularFile } from '../audio/regular-file';

/**
 * An entry: the values (float32, row-major), the row times (float64), the header (JSON) and the header's byte
 * length (uint32 LE) last, so an entry is written as its rows come, and read back whole or in chunks.
 */
const FORMAT = 'emotrans-features-3';

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
      const entry = parseEntry(key, bytes.length, (offset, length) => bytes.subarray(offset, offset + length));
      if ('reason' in entry) return { status: 'corrupt', reason: entry.reason };
      const payload = bytes.subarray(0, entry.payloadLength);
      if (entry.header.sha256 !== createHash('sha256').update(payload).digest('hex')) return { status: 'corrupt', reason: 'checksum mismatch' };
      const { rows } = entry.header;
      const cols = entry.header.names.length;
      const copy = new Uint8Array(payload); // aligned copy for typed-array views
      const data = new Float32Array(copy.buffer, 0, rows * cols);
      const times = new Float64Array(copy.slice(rows * cols * 4).buffer, 0, rows);
      return { status: 'hit', matrix: createFeatureMatrix(entry.header.names, entry.header.frameRate, times, data) };
    } catch (error) {
      return { status: 'corrupt', reason: (error as Error).message };
    }
  }

  /**
   * The entry of `key` for reading in chunks (a long file's matrix never held whole): its checksum is
   * verified first, in one pass over the file, then `read(each)` hands on its rows `rowsPerChunk` at a time.
   */
  open(key: string, rowsPerChunk = 4096): CachedRows | { readonly status: 'miss' } | { readonly status: 'corrupt'; readonly reason: string } {
    let fd: number;
    try {
      fd = fs.openSync(this.file(key), 'r');
    } catch {
      return { status: 'miss' };
    }
    const readAt = (offset: number, length: number): Buffer => {
      const out = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const n = fs.readSync(fd, out, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return out.subarray(0, got);
    };
    try {
      const entry = parseEntry(key, fs.fstatSync(fd).size, readAt);
      if ('reason' in entry) {
        fs.closeSync(fd);
        return { status: 'corrupt', reason: entry.reason };
      }
      const hash = createHash('sha256');
      for (let offset = 0; offset < entry.payloadLength; offset += CHUNK) hash.update(readAt(offset, Math.min(CHUNK, entry.payloadLength - offset)));
      if (entry.header.sha256 !== hash.digest('hex')) {
        fs.closeSync(fd);
        return { status: 'corrupt', reason: 'checksum mismatch' };
      }
      const { names, frameRate, rows } = entry.header;
      const cols = names.length;
      const allTimes = new Float64Array(new Uint8Array(readAt(rows * cols * 4, rows * 8)).buffer, 0, rows);
      return {
        status: 'hit',
        names,
        frameRate,
        rows,
        read(each) {
          try {
            for (let first = 0; first < rows; first += rowsPerChunk) {
              const count = Math.min(rowsPerChunk, rows - first);
              const data = new Float32Array(new Uint8Array(readAt(first * cols * 4, count * cols * 4)).buffer, 0, count * cols);
              each(createFeatureMatrix(names, frameRate, allTimes.slice(first, first + count), data));
            }
          } finally {
            fs.closeSync(fd);
          }
        },
      };
    } catch (error) {
      fs.closeSync(fd);
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
    const writer = this.writer(key);
    writer.append(matrix);
    writer.commit();
  }

  /**
   * Writes the entry of `key` as its rows come (atomic: nothing under the entry's name until `commit`). Call it
   * holding the entry's claim: the temporary files a killed writer of this entry left (a long file's rows are
   * large) are removed first, as no other writer of it can be alive.
   */
  writer(key: string): FeatureCacheWriter {
    const file = this.file(key);
    try {
      const prefix = `${path.basename(file)}.`;
      for (const name of fs.readdirSync(path.dirname(file))) {
        if (name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
      }
    } catch {
      // no folder yet
    }
    return new FeatureCacheWriter(file, key);
  }
}

/** A cache entry open for reading in chunks (FeatureCache.open). */
export interface CachedRows {
  readonly status: 'hit';
  readonly names: readonly string[];
  readonly frameRate: number;
  readonly rows: number;
  /** Hands on the rows in order, then closes the entry (call once). */
  read(each: (chunk: FeatureMatrix) => void): void;
}

/** Reads the header at an entry's end and checks its shape and size (not yet the checksum). */
function parseEntry(key: string, size: number, read: (offset: number, length: number) => Buffer): { header: EntryHeader; payloadLength: number } | { reason: string } {
  if (size < 4) return { reason: 'shorter than its header' };
  const headerLength = read(size - 4, 4).readUInt32LE(0);
  if (headerLength + 4 > size) return { reason: 'header cut short' };
  const header = JSON.parse(read(size - 4 - headerLength, headerLength).toString('utf8')) as EntryHeader;
  const problem = checkHeader(header, key);
  if (problem) return { reason: problem };
  const payloadLength = size - 4 - headerLength;
  const expected = header.rows * header.names.length * 4 + header.rows * 8;
  if (payloadLength !== expected) return { reason: `payload is ${payloadLength} bytes, expected ${expected}` };
  return { header, payloadLength };
}

/**
 * A cache entry written chunk by chunk: the values go to the disk as they come, the row times (8 bytes a row)
 * are kept until `commit` writes them and the header.
 */
export class FeatureCacheWriter {
  private readonly file: AtomicFileWriter;
  private readonly hash = createHash('sha256');
  private times = new Float64Array(1024);
  private rows = 0;
  private names: readonly string[] | undefined;
  private frameRate = 0;

  constructor(
    entryFile: string,
    private readonly key: string,
  ) {
    this.file = new AtomicFileWriter(entryFile);
  }

  append(chunk: FeatureMatrix): void {
    if (this.names && this.names.join('\u0000') !== chunk.names.join('\u0000')) throw new Error('feature cache: a chunk with other feature names');
    this.names ??= [...chunk.names];
    this.frameRate = chunk.frameRate;
    const bytes = new Uint8Array(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
    this.hash.update(bytes);
    this.file.write(bytes);
    this.file.startFlush(); // on the disk while the caller formats these rows, before commit's fsync waits for them
    if (this.rows + chunk.rows > this.times.length) {
      const grown = new Float64Array(Math.max(2 * this.times.length, this.rows + chunk.rows));
      grown.set(this.times.subarray(0, this.rows));
      this.times = grown;
    }
    this.times.set(chunk.times, this.rows);
    this.rows += chunk.rows;
  }

  commit(): void {
    const times = new Uint8Array(this.times.buffer, 0, this.rows * 8);
    this.hash.update(times);
    this.file.write(times);
    const header: EntryHeader = {
      format: FORMAT,
      key: this.key,
      names: [...(this.names ?? [])],
      frameRate: this.frameRate,
      rows: this.rows,
      sha256: this.hash.digest('hex'),
    };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(headerBytes.length);
    this.file.write(Buffer.concat([headerBytes, length]));
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
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
