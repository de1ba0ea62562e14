import { BadInputError, createFeatureMatrix, parseDecimal, type FeatureMatrix } from '@emotrans/core';

/** Columns that name, label or index an instance rather than describe it (openSMILE's name, frameIndex, frameLength; ARFF class). */
export const NON_FEATURE_COLUMNS = new Set(['name', 'file', 'class', 'frameindex', 'framelength']);

/** One data row as read from a file, with the line it came from (1-based) for messages. */
export interface TableRow {
  readonly line: number;
  readonly values: readonly string[];
}

/** A parsed feature table: column names and rows of text cells, before conversion to numbers. */
export interface FeatureTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
  /** Columns known not to be numeric features (ARFF string/nominal attributes). */
  readonly textColumns?: ReadonlySet<number>;
}

/** Rows per second from the median step between frame times (1 when there is a single row). */
export function inferFrameRate(times: Float64Array): number {
  if (times.length < 2) return 1;
  const steps = Array.from(times.subarray(1), (t, i) => t - times[i]).sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  return median > 0 ? 1 / median : 1;
}

function parseNumber(cell: string, table: FeatureTable, row: TableRow, column: number): number {
  const text = cell.trim();
  const value = parseDecimal(text);
  if (value === undefined) {
    const what = text === '?' ? 'a missing value (?)' : text === '' ? 'an empty cell' : `${JSON.stringify(text)}, not a finite number`;
    throw new BadInputError(`line ${row.line}, column '${table.columns[column]}': ${what}`, table.file);
  }
  return value;
}

/**
 * A feature matrix from a table with a `frameTime` column (seconds): every other column except instance
 * names and labels must hold finite numbers on every row, each row as many cells as the header; frame times
 * must not decrease. `timeShift` is added to every time (openSMILE writes a frame's start).
 */
export function tableToMatrix(table: FeatureTable, options: { timeShift?: number; frameRate?: number } = {}): FeatureMatrix {
  const lower = table.columns.map((c) => c.trim().toLowerCase());
  const timeColumn = lower.indexOf('frametime');
  if (timeColumn < 0) {
    throw new BadInputError(`no frameTime column (the columns are ${table.columns.slice(0, 6).join(', ')}${table.columns.length > 6 ? ', ...' : ''}); write the features with openSMILE's frameTime output on`, table.file);
  }
  const featureColumns = table.columns
    .map((_, j) => j)
    .filter((j) => j !== timeColumn && !NON_FEATURE_COLUMNS.has(lower[j]) && !table.textColumns?.has(j));
  if (featureColumns.length === 0) throw new BadInputError('no feature columns besides frameTime', table.file);
  if (table.rows.length === 0) throw new BadInputError('no data rows', table.file);
  const cols = featureColumns.length;
  const times = new Float64Array(table.rows.length);
  const data = new Float32Array(table.rows.length * cols);
  const shift = options.timeShift ?? 0;
  table.rows.forEach((row, i) => {
    if (row.values.length !== table.columns.length) {
      throw new BadInputError(`line ${row.line}: ${row.values.length} values, but the header has ${table.columns.length} columns`, table.file);
    }
    times[i] = parseNumber(row.values[timeColumn], table, row, timeColumn) + shift;
    if (i > 0 && times[i] < times[i - 1]) {
      throw new BadInputError(`line ${row.line}: frameTime ${row.values[timeColumn].trim()} is earlier than the row before`, table.file);
    }
    featureColumns.forEach((j, k) => {
      data[i * cols + k] = parseNumber(row.values[j], table, row, j);
    });
  });
  const names = featureColumns.map((j) => table.columns[j].trim());
  return createFeatureMatrix(names, options.frameRate ?? inferFrameRate(times), times, data);
}
