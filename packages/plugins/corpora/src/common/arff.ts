import { parse } from 'csv-parse/sync';
import { BadInputError, readTextInput } from '@emotrans/core';
import type { CsvRow, CsvTable } from './csv-table';

/**
 * Reads a Weka ARFF file (as AVEC distributes RECOLA's gold standard: `@attribute` lines, then `@data`
 * rows of comma-separated values, strings optionally in single quotes) into the same table shape as a CSV,
 * the attribute names as header.
 */
export function readArff(file: string): CsvTable {
  const text = readTextInput(file, 'annotation file');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header: string[] = [];
  let dataLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('%')) continue;
    const attribute = /^@attribute\s+('([^']*)'|"([^"]*)"|(\S+))\s+(.+)$/i.exec(line);
    if (attribute) header.push(attribute[2] ?? attribute[3] ?? attribute[4]);
    else if (/^@data\b/i.test(line)) {
      dataLine = i + 1;
      break;
    } else if (!/^@relation\b/i.test(line)) throw new BadInputError(`line ${i + 1}: unexpected ARFF header line '${line.slice(0, 60)}'`, file);
  }
  if (dataLine < 0) throw new BadInputError('no @data section (not an ARFF file?)', file);
  if (header.length === 0) throw new BadInputError('no @attribute lines', file);
  const rows: CsvRow[] = [];
  for (let i = dataLine; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('%')) continue;
    let cells: string[];
    try {
      cells = (parse(line, { quote: "'", trim: true, relax_quotes: true }) as string[][])[0] ?? [];
    } catch (error) {
      throw new BadInputError(`line ${i + 1}: malformed ARFF row (${(error as Error).message})`, file);
    }
    if (cells.length !== header.length) {
      throw new BadInputError(`line ${i + 1}: ${cells.length} values, but ${header.length} attributes are declared (${header.join(', ')})`, file);
    }
    rows.push({ line: i + 1, cells });
  }
  return { file, header, rows };
}
