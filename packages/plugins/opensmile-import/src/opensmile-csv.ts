import { parse } from 'csv-parse/sync';
import { BadInputError, readTextInput, type FeatureMatrix } from '@emotrans/core';
import { tableToMatrix, type FeatureTable, type TableRow } from './table-to-matrix';

/** The delimiter of an openSMILE CSV: whichever of `;`, `,` and tab splits its header into the most fields. */
function detectDelimiter(header: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Reads openSMILE CSV text (`name;frameTime;<features>`, or `,`/tab separated) into a table with line numbers. */
export function parseOpenSmileTable(text: string, file: string): FeatureTable {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') throw new BadInputError('empty feature file (expected a header line such as name;frameTime;...)', file);
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(firstLine),
      skip_empty_lines: true,
      relax_column_count: true, // ragged rows are reported below with their line
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new BadInputError(`${lines ? `line ${lines}: ` : ''}malformed CSV (${(error as Error).message})`, file);
  }
  const [header, ...body] = records;
  const rows: TableRow[] = body.map((r) => ({ line: r.info.lines, values: r.record }));
  return { file, columns: header.record.map((c) => c.trim().replace(/^'(.*)'$/, '$1')), rows };
}

/** Parses openSMILE CSV text into a feature matrix (times from `frameTime`, names from the header). */
export function parseOpenSmileCsv(text: string, file: string, options: { timeShift?: number; frameRate?: number } = {}): FeatureMatrix {
  return tableToMatrix(parseOpenSmileTable(text, file), options);
}

/** Reads an openSMILE CSV file (LLD or functionals output, `;` or `,` separated) as a feature matrix. */
export function readOpenSmileCsv(file: string, options: { timeShift?: number; frameRate?: number } = {}): FeatureMatrix {
  return parseOpenSmileCsv(readText(file), file, options);
}

export function readText(file: string): string {
  return readTextInput(file, 'feature file', 'feature file not found');
}
