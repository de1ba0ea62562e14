import { readArffTable } from '@emotrans/core';
import type { CsvTable } from './csv-table';

/**
 * Reads a Weka ARFF file (as AVEC distributes RECOLA's gold standard) with core's ARFF reader into the same
 * table shape as a CSV, the attribute names as header.
 */
export function readArff(file: string): CsvTable {
  const table = readArffTable(file, 'annotation file');
  return { file, header: table.attributes.map((a) => a.name), rows: table.rows.map((r) => ({ line: r.line, cells: r.values })) };
}
