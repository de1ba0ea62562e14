import { toCsv } from '../results/csv';
import type { Table } from './table';

/** CSV text of a table (numbers at full precision). */
export function tableToCsv(table: Table): string {
  return toCsv(table.columns, table.rows);
}

function formatNumber(value: number, digits: number, integerColumn: boolean): string {
  if (!Number.isFinite(value)) return '–';
  if (integerColumn) return String(value);
  // Tiny p-values would round to 0: show them in exponent form instead.
  if (value !== 0 && Math.abs(value) < 0.5 * 10 ** -digits) return value.toExponential(1);
  return value.toFixed(digits);
}

/**
 * A GitHub-flavoured Markdown table, numbers rounded to `digits` (`integerColumns` without decimals,
 * values too small for `digits` in exponent form), the caption below in italics.
 */
export function tableToMarkdown(table: Table, digits = 3): string {
  const numeric = table.columns.map((_, j) => table.rows.some((r) => typeof r[j] === 'number'));
  const integer = table.columns.map((c) => table.integerColumns?.includes(c) ?? false);
  const cell = (value: string | number, j: number) =>
    typeof value === 'number' ? formatNumber(value, digits, integer[j]) : value.replace(/\|/g, '\\|');
  const lines = [
    `| ${table.columns.join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : ':---')).join(' | ')} |`,
    ...table.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  if (table.caption) lines.push('', `*${table.caption}*`);
  return `${lines.join('\n')}\n`;
}

/** Minimal structural type of the danfojs DataFrame we hand out (danfojs-node's own types are heavy). */
export interface DataFrameLike {
  readonly columns: string[];
  readonly shape: number[];
  readonly values: unknown[];
  print(): void;
}

/**
 * The table as a danfojs-node DataFrame, the object notebooks display. danfojs-node takes a second or two
 * to load, so it is required here, on first use, not when @emotrans/core loads.
 */
export function tableToDataFrame(table: Table): DataFrameLike {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const danfo = require('danfojs-node') as { DataFrame: new (data: unknown, options: { columns: string[] }) => DataFrameLike };
  return new danfo.DataFrame(
    table.rows.map((r) => [...r]),
    { columns: [...table.columns] },
  );
}
