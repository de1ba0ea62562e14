import type { FeatureMatrix } from '../data/feature-matrix';
import { csvField } from './csv';
import { writeFloat32Ascii } from './format-float32';

/** Bytes of each buffer FeatureCsvWriter fills before handing it on. */
const PIECE_BYTES = 1 << 20;

/**
 * The most bytes a row takes: a number and its comma at most 18 ("-0.00000123456789,"), a time's text at most
 * 25; with room for the 17 bytes writeFloat32Ascii may write from a number's start.
 */
const rowBytes = (nameBytes: number, cols: number) => nameBytes + 27 + 20 * cols;

/**
 * Writes CSV rows `file,time,<features>\n` as ASCII bytes (numbers written without strings) into buffers of
 * about 1 MiB, handing each one on once full (and the last at `end`): a file's rows take little more memory
 * than their text, and no copy joins them.
 */
export class FeatureCsvWriter {
  private readonly name: Buffer;
  private out: Buffer | undefined;
  private pos = 0;

  constructor(
    file: string,
    private readonly hand: (piece: Uint8Array) => void,
    private readonly pieceBytes = PIECE_BYTES,
  ) {
    this.name = Buffer.from(`${csvField(file)},`, 'utf8');
  }

  /** Writes the rows of a matrix. */
  write(matrix: FeatureMatrix): void {
    const { rows, cols, data, times } = matrix;
    const name = this.name;
    const most = rowBytes(name.length, cols);
    let out = this.out;
    let pos = this.pos;
    for (let r = 0; r < rows; r++) {
      if (!out || pos + most > out.length) {
        if (out && pos > 0) this.hand(out.subarray(0, pos));
        // a buffer of its own (allocUnsafeSlow: never a slice of Node's shared pool)
        out = Buffer.allocUnsafeSlow(Math.max(this.pieceBytes, most));
        pos = 0;
      }
      out.set(name, pos); // (Buffer#copy costs a call into C++ per row)
      pos += name.length;
      const time = String(times[r]); // a number's text: ASCII, copied in a loop (Buffer#write is a call into C++)
      for (let i = 0; i < time.length; i++) out[pos++] = time.charCodeAt(i);
      const offset = r * cols;
      for (let c = 0; c < cols; c++) {
        out[pos++] = 44; // ','
        pos = writeFloat32Ascii(data[offset + c], out, pos);
      }
      out[pos++] = 10; // '\n'
    }
    this.out = out;
    this.pos = pos;
  }

  /** Hands on the rows not handed on yet. */
  end(): void {
    if (this.out && this.pos > 0) this.hand(this.out.subarray(0, this.pos));
    this.out = undefined;
    this.pos = 0;
  }
}

/** The CSV rows `file,time,<features>\n` of one matrix in one buffer (FeatureCsvWriter with room for all of them). */
export function featureCsvRows(file: string, matrix: FeatureMatrix): Buffer {
  let rows: Buffer = Buffer.alloc(0);
  const room = matrix.rows * rowBytes(Buffer.byteLength(`${csvField(file)},`, 'utf8'), matrix.cols);
  const writer = new FeatureCsvWriter(file, (piece) => (rows = piece as Buffer), Math.max(1, room));
  writer.write(matrix);
  writer.end();
  return rows;
}
