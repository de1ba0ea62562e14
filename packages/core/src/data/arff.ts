import { BadInputError } from '../runtime/errors';
import { readTextInput } from '../runtime/read-text-input';

/** One `@attribute` declaration of an ARFF header. */
export interface ArffAttribute {
  readonly name: string;
  /** The declared type as written, lower-cased (`numeric`, `real`, `string`, `{a,b}`, `date ...`). */
  readonly type: string;
  /** `numeric`, `real` or `integer`. */
  readonly numeric: boolean;
}

/** One `@data` row: its cells as text (quotes removed, `?` kept) and its 1-based line in the file. */
export interface ArffRow {
  readonly line: number;
  readonly values: readonly string[];
}

/** An ARFF file read as declared attributes and rows of text cells, before any conversion to numbers. */
export interface ArffTable {
  readonly file: string;
  readonly relation?: string;
  readonly attributes: readonly ArffAttribute[];
  readonly rows: readonly ArffRow[];
}

const NAME = /^\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(\S+))(?:\s+(.+?))?\s*$/;

function unquoted(match: RegExpExecArray): string {
  return (match[1] ?? match[2] ?? match[3]).replace(/\\(.)/g, '$1');
}

/** `@attribute <name> <type>`: the name may be quoted and hold spaces. */
function parseAttribute(rest: string, line: number, file: string): ArffAttribute {
  const match = NAME.exec(rest);
  if (!match || match[4] === undefined) throw new BadInputError(`line ${line}: malformed @attribute declaration (expected '@attribute <name> <type>')`, file);
  const type = match[4].toLowerCase();
  if (type.startsWith('relational')) throw new BadInputError(`line ${line}: relational attributes are not supported`, file);
  return { name: unquoted(match), type, numeric: type === 'numeric' || type === 'real' || type === 'integer' };
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Parses Weka ARFF text (openSMILE's arffSink output, AVEC's RECOLA gold standard): `@relation`, then
 * `@attribute` lines, then `@data` rows of comma-separated values, strings optionally quoted, `%` comments.
 * Every row must have one value per attribute. Malformed input is a BadInputError naming the file and line.
 */
export function parseArffTable(text: string, file: string): ArffTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const attributes: ArffAttribute[] = [];
  let relation: string | undefined;
  let dataLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('%')) continue;
    const keyword = /^@(\w+)/.exec(line)?.[1].toLowerCase();
    if (keyword === 'relation') {
      const match = NAME.exec(line.slice('@relation'.length));
      relation = match ? unquoted(match) : undefined;
    } else if (keyword === 'attribute') attributes.push(parseAttribute(line.slice('@attribute'.length), i + 1, file));
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
    // Required here, on the first ARFF read: a command that reads none does not load the CSV parser.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
    records = parse(body, {
      delimiter: ',',
      quote: body.includes("'") ? "'" : '"',
      escape: '\\',
      comment: '%',
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true, // reported below with the line
      trim: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const at = (error as { lines?: number }).lines;
    throw new BadInputError(`${at ? `line ${dataLine + at}: ` : ''}malformed ARFF data (${(error as Error).message})`, file);
  }
  const names = attributes.length <= 10 ? ` (${attributes.map((a) => a.name).join(', ')})` : '';
  const rows = records.map((r): ArffRow => {
    const line = dataLine + r.info.lines;
    if (r.record.length !== attributes.length) {
      throw new BadInputError(`line ${line}: ${r.record.length} values, but ${attributes.length} attributes are declared${names}`, file);
    }
    return { line, values: r.record };
  });
  return { file, relation, attributes, rows };
}

/** Reads an ARFF file (see parseArffTable); `what` and `notFound` word a read error (see fileReadError). */
export function readArffTable(file: string, what = 'ARFF file', notFound?: string): ArffTable {
  return parseArffTable(readTextInput(file, what, notFound), file);
}
