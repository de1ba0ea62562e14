import { parse } from 'csv-parse/sync';
import { BadInputError, type FeatureMatrix } from '@emotrans/core';
import { readText } from './opensmile-csv';
import { tableToMatrix, type FeatureTable, type TableRow } from './table-to-matrix';

interface ArffAttribute {
  readonly name: string;
  readonly numeric: boolean;
}

/** `@attribute <name> <type>`: the name may be quoted and hold spaces. */
function parseAttribute(rest: string, line: number, file: string): ArffAttribute {
  const match = /^\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(\S+))\s+(.+?)\s*$/.exec(rest);
  if (!match) throw new BadInputError(`line ${line}: malformed @attribute declaration`, file);
  const name = match[1] ?? match[2] ?? match[3];
  const type = match[4].toLowerCase();
  if (type.startsWith('relational')) throw new BadInputError(`line ${line}: relational attributes are not supported`, file);
  return { name, numeric: type === 'numeric' || type === 'real' || type === 'integer' };
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Reads ARFF text (openSMILE's arffSink output, LLD or functionals) into a table with line numbers. */
export function parseArffTable(text: string, file: string): FeatureTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const attributes: ArffAttribute[] = [];
  let dataLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('%')) continue;
    const keyword = /^@(\w+)/.exec(line)?.[1].toLowerCase();
    if (keyword === 'relation') continue;
    if (keyword === 'attribute') attributes.push(parseAttribute(line.slice('@attribute'.length), i + 1, file));
    else if (keyword === 'data') {
      dataLine = i + 1;
      break;
    } else throw new BadInputError(`line ${i + 1}: expected @relation, @attribute or @data, got ${JSON.stringify(line.slice(0, 40))}`, file);
  }
  if (attributes.length === 0) throw new BadInputError(text.trim() === '' ? 'empty ARFF file' : 'no @attribute declarations (not an ARFF file?)', file);
  if (dataLine < 0) throw new BadInputError('no @data section (truncated ARFF file?)', file);
  const body = lines.slice(dataLine).join('\n');
  if (/^\s*\{/m.test(body)) throw new BadInputError('sparse ARFF data ({index value, ...}) is not supported', file);
  let records: ParsedRecord[];
  try {
    records = parse(body, {
      delimiter: ',',
      quote: body.includes("'") ? "'" : '"',
      escape: '\\',
      comment: '%',
      skip_empty_lines: true,
      relax_column_count: true, // ragged rows are reported with their line by tableToMatrix
      trim: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const at = (error as { lines?: number }).lines;
    throw new BadInputError(`${at ? `line ${dataLine + at}: ` : ''}malformed ARFF data (${(error as Error).message})`, file);
  }
  const rows: TableRow[] = records.map((r) => ({ line: dataLine + r.info.lines, values: r.record }));
  const textColumns = new Set(attributes.flatMap((a, j) => (a.numeric ? [] : [j])));
  return { file, columns: attributes.map((a) => a.name), rows, textColumns };
}

/** Parses ARFF text into a feature matrix: numeric attributes other than frameTime and class are features. */
export function parseArff(text: string, file: string, options: { timeShift?: number; frameRate?: number } = {}): FeatureMatrix {
  return tableToMatrix(parseArffTable(text, file), options);
}

/** Reads an ARFF file written by openSMILE (any config: LLD or functionals) as a feature matrix. */
export function readArff(file: string, options: { timeShift?: number; frameRate?: number } = {}): FeatureMatrix {
  return parseArff(readText(file), file, options);
}
