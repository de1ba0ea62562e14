import fs from 'node:fs';
import { decodeAudioFile } from '../audio/decode';
import type { FeatureSet } from '../extension-points/feature-set';
import type { FeatureCache } from './feature-cache';
import type { RunContext } from '../runtime/context';
import { FeatureCsvWriter } from '../results/feature-csv-rows';
import { writeFailure } from '../results/atomic-write';
import { BadInputError, EmotransError } from '../runtime/errors';
import { forEachFeatureChunk } from './features-of';

/**
 * One audio file's features as CSV rows `file,time,<features>` (formatted where they were extracted, so
 * worker threads share that work too), in `csv`'s buffers one after the other, or why that file has none (the
 * batch goes on with the others). A long file's rows are in `csvFile` instead of `csv`: a file of its own named from the `spillPrefix` given (the
 * caller copies it to the output and removes it), so no file's CSV is ever held whole.
 */
export type FileFeatures =
  | { readonly file: string; readonly names: readonly string[]; readonly rows: number; readonly csv: readonly Uint8Array[] }
  | { readonly file: string; readonly names: readonly string[]; readonly rows: number; readonly csvFile: string }
  | { readonly file: string; readonly failure: string };

/** CSV bytes held in memory per file before they go to a spill file. */
const SPILL_BYTES = 8 << 20;

/**
 * CSV pieces in memory, moved to a file of their own once they pass SPILL_BYTES: `spillPrefix` + pid + a
 * random part + `.tmp`, the name StreamedOutput gives its own temporary file, so a command killed mid-batch
 * leaves nothing the next command writing that output does not remove.
 */
class CsvCollector {
  private pieces: Uint8Array[] = [];
  private bytes = 0;
  private fd: number | undefined;
  private spillFile: string | undefined;

  constructor(private readonly spillPrefix: string | undefined) {}

  add(piece: Uint8Array): void {
    if (this.fd !== undefined) return this.write(piece);
    this.pieces.push(piece);
    this.bytes += piece.length;
    if (this.bytes < SPILL_BYTES || !this.spillPrefix) return;
    this.spillFile = `${this.spillPrefix}${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      this.fd = fs.openSync(this.spillFile, 'wx');
    } catch (error) {
      throw writeFailure(error, this.spillFile);
    }
    for (const held of this.pieces) this.write(held);
    this.pieces = [];
  }

  private write(piece: Uint8Array): void {
    try {
      for (let done = 0; done < piece.length; ) done += fs.writeSync(this.fd!, piece, done, piece.length - done);
    } catch (error) {
      throw writeFailure(error, this.spillFile!);
    }
  }

  /** The rows: in memory, or the spill file's name. */
  finish(): { csv: readonly Uint8Array[] } | { csvFile: string } {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
      return { csvFile: this.spillFile! };
    }
    return { csv: this.pieces };
  }

  abort(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    if (this.spillFile) fs.rmSync(this.spillFile, { force: true });
  }
}

/**
 * The features of one audio file (from the cache when there) as CSV rows, a clip too short for one row
 * counting as a failure. Failures of the file itself (EmotransError: bad audio, too short, an extraction error) are
 * returned, not thrown; anything else is a bug and is thrown.
 */
export async function fileFeatures(file: string, featureSet: FeatureSet, options: Record<string, unknown>, cache: FeatureCache, context: RunContext, spillPrefix?: string): Promise<FileFeatures> {
  const csv = new CsvCollector(spillPrefix);
  const rows = new FeatureCsvWriter(file, (piece) => csv.add(piece));
  try {
    const source = { id: file, domain: 'cli', group: file, audio: { kind: 'file' as const, path: file } };
    const summary = await forEachFeatureChunk(source, featureSet, options, cache, context, (chunk) => {
      rows.write(chunk);
    });
    rows.end();
    if (summary.rows === 0) {
      const audio = await decodeAudioFile(file);
      const seconds = (audio.samples.length / audio.sampleRate).toFixed(3);
      throw new BadInputError(`the clip is ${seconds} s long, too short for one window of feature set '${featureSet.manifest.id}' (no feature rows)`, file);
    }
    return { file, names: summary.names, rows: summary.rows, ...csv.finish() };
  } catch (error) {
    csv.abort();
    if (!(error instanceof EmotransError)) throw error;
    const message = error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message;
    return { file, failure: message };
  }
}

/** Removes a spilled CSV (the batch failed, or its rows were copied). */
export function removeSpill(result: FileFeatures): void {
  if ('csvFile' in result) fs.rmSync(result.csvFile, { force: true });
}
