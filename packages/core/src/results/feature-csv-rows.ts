import type { FeatureMatrix } from '../data/feature-matrix';
import { csvField } from './csv';
import { writeFloat32Ascii } from './format-float32';

/**
 * CSV rows `file,time,<features>\n` of one file's matrix, as ASCII bytes (numbers written without strings): the
 * start of an ArrayBuffer no other buffer shares, so its free end may take more rows (fileFeatures' collector).
 */
export function featureCsvRows(file: string, matrix: FeatureMatrix): Buffer {
  const name = Buffer.from(`${csvField(file)},`, 'utf8');
  const { rows, cols, data, times } = matrix;
  // a number and its comma take at most 18 bytes ("-0.00000123456789,"); a time's text at most 25
  // a buffer of its own (allocUnsafeSlow: never a slice of Node's shared pool, whose free end is not ours)
  const out = Buffer.allocUnsafeSlow(rows * (name.length + 27 + 20 * cols));
  let pos = 0;
  for (let r = 0; r < rows; r++) {
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
  return out.subarray(0, pos);
}

