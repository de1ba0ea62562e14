import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createFeatureMatrix, type FeatureMatrix } from '../data/feature-matrix';
import { writeFileAtomic } from '../results/atomic-write';

const FORMAT = 'emotrans-features-1';

/**
 * Feature matrices on disk, keyed by audio content + feature set id + version + options. Each entry carries
 * a SHA-256 of its payload; an entry that does not check out is treated as absent (and recomputed).
 */
export class FeatureCache {
  constructor(readonly dir: string) {}

  static key(parts: { audioKey: string; featureSet: string; version: string; options: unknown }): string {
    return createHash('sha256').update(JSON.stringify([FORMAT, parts.audioKey, parts.featureSet, parts.version, parts.options])).digest('hex');
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.bin`);
  }

  get(key: string): FeatureMatrix | undefined {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.file(key));
    } catch {
      return undefined;
    }
    try {
      const headerLength = bytes.readUInt32LE(0);
      const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength));
      const payload = bytes.subarray(4 + headerLength);
      if (header.format !== FORMAT || header.sha256 !== createHash('sha256').update(payload).digest('hex')) return undefined;
      const rows: number = header.rows;
      const cols: number = header.names.length;
      if (payload.length !== rows * 8 + rows * cols * 4) return undefined;
      const copy = new Uint8Array(payload); // aligned copy for typed-array views
      const times = new Float64Array(copy.buffer, 0, rows);
      const data = new Float32Array(copy.buffer, rows * 8, rows * cols);
      return createFeatureMatrix(header.names, header.frameRate, times, data);
    } catch {
      return undefined;
    }
  }

  set(key: string, matrix: FeatureMatrix): void {
    const payload = Buffer.concat([
      Buffer.from(matrix.times.buffer, matrix.times.byteOffset, matrix.times.byteLength),
      Buffer.from(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength),
    ]);
    const header = Buffer.from(
      JSON.stringify({
        format: FORMAT,
        names: matrix.names,
        frameRate: matrix.frameRate,
        rows: matrix.rows,
        sha256: createHash('sha256').update(payload).digest('hex'),
      }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    writeFileAtomic(this.file(key), Buffer.concat([length, header, payload]));
  }
}

/** A stable content key for a file's bytes. */
export function fileContentKey(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
