import { parse } from 'csv-parse/sync';
import { BadInputError, parseDecimal, readTextInput } from '@emotrans/core';

/** One data row of a CSV file with its 1-based line number, for error messages. */
export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A CSV file read as a header and rows; cells are trimmed strings. */
export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** The delimiter of a CSV file: the one of `,` `;` tab that splits its first line into the most fields. */
export function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let most = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = firstLine.split(candidate).length;
    if (count > most) {
      most = count;
      best = candidate;
    }
  }
  return best;
}

/**
 * Reads a CSV file whose first line is a header. Rows may be shorter than the header when `ragged` (DEAM's
 * per-song rows end where each song ends); otherwise a row with another number of fields than the header
 * is an error naming the line.
 */
export function readCsv(file: string, options: { ragged?: boolean; delimiter?: string } = {}): CsvTable {
  const text = readTextInput(file, 'annotation file');
  const delimiter = options.delimiter ?? sniffDelimiter(text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new BadInputError(`${lines ? `line ${lines}: ` : ''}malformed CSV (${(error as Error).message})`, file);
  }
  if (records.length === 0) throw new BadInputError('empty CSV file (no header line)', file);
  const header = records[0].record;
  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    // Trailing empty cells (a ragged row padded with delimiters) carry nothing.
    let end = record.length;
    while (end > 0 && record[end - 1] === '') end--;
    const cells = record.slice(0, end);
    if (cells.length > header.length || (!options.ragged && cells.length !== header.length)) {
      throw new BadInputError(`line ${info.lines}: ${cells.length} fields, but the header has ${header.length} (${header.join(', ')})`, file);
    }
    rows.push({ line: info.lines, cells });
  }
  return { file, header, rows };
}

/** The index of the first header column matching one of `names` (case- and space-insensitive). */
export function findColumn(table: CsvTable, names: readonly string[]): number | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_]/g, '');
  for (const name of names) {
    const index = table.header.findIndex((h) => norm(h) === norm(name));
    if (index >= 0) return index;
  }
  return undefined;
}

/** Like findColumn, but a missing column is a BadInputError listing what the header has. */
export function requireColumn(table: CsvTable, names: readonly string[], what: string): number {
  const index = findColumn(table, names);
  if (index === undefined) {
    throw new BadInputError(
      `line 1: no ${what} column (expected ${names.map((n) => `'${n}'`).join(' or ')}; the header has ${table.header.map((h) => `'${h}'`).join(', ')})`,
      table.file,
    );
  }
  return index;
}

function notANumber(table: CsvTable, row: CsvRow, column: number, what: string): BadInputError {
  return new BadInputError(`line ${row.line}: column '${table.header[column]}' (column ${column + 1}) is ${what}, expected a decimal number`, table.file);
}

/** Parses a numeric cell; anything else (empty, `NaN`, `0x10`, ...) is a BadInputError naming file, line and column. */
export function numberCell(table: CsvTable, row: CsvRow, column: number): number {
  const text = row.cells[column];
  const value = text === undefined || text === '' ? undefined : parseDecimal(text);
  if (value === undefined) throw notANumber(table, row, column, text === undefined || text === '' ? 'empty' : `'${text}'`);
  return value;
}

/**
 * A numeric cell that may hold no value: undefined for an empty cell or one of the `missing` tokens (e.g.
 * DEAM's `NaN` padding, compared case-insensitively); any other non-number is a BadInputError as in numberCell.
 */
export function optionalNumberCell(table: CsvTable, row: CsvRow, column: number, missing: readonly string[]): number | undefined {
  const text = row.cells[column];
  if (text === undefined || text === '' || missing.some((m) => m.toLowerCase() === text.toLowerCase())) return undefined;
  const value = parseDecimal(text);
  if (value === undefined) throw notANumber(table, row, column, `'${text}'`);
  return value;
}
