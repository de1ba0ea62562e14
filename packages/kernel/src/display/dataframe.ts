import { escapeHtml } from './html-escape';
import type { MimeBundle } from '../execution/protocol';

/** The parts of a danfo.js DataFrame or Series the kernel reads (duck-typed: the kernel does not load danfo). */
interface DanfoLike {
  readonly index: readonly (string | number)[];
  readonly values: readonly unknown[];
  readonly columns?: readonly string[];
  readonly shape?: readonly number[];
  toString(): string;
}

const MAX_ROWS = 60;

export function isDanfoFrame(value: unknown): value is DanfoLike {
  if (typeof value !== 'object' || value === null) return false;
  const name = value.constructor?.name;
  const v = value as Partial<DanfoLike> & { $data?: unknown };
  return (name === 'DataFrame' || name === 'Series') && '$data' in v && Array.isArray(v.index) && Array.isArray(v.values);
}

function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  if (value === null || value === undefined) return '';
  return escapeHtml(String(value));
}

/** An HTML table of a DataFrame (or Series as one column), first and last rows when it is long. */
export function danfoToHtml(frame: DanfoLike): string {
  const isSeries = frame.constructor.name === 'Series';
  const columns = frame.columns ?? ['0'];
  const rows = isSeries ? frame.values.map((v) => [v]) : (frame.values as unknown[][]);
  const index = frame.index;
  let picked = rows.map((_, i) => i);
  if (rows.length > MAX_ROWS) picked = [...picked.slice(0, MAX_ROWS / 2), -1, ...picked.slice(rows.length - MAX_ROWS / 2)];
  const head = `<thead><tr style="text-align: right;"><th></th>${columns.map((c) => `<th>${escapeHtml(String(c))}</th>`).join('')}</tr></thead>`;
  const body = picked
    .map((i) =>
      i < 0
        ? `<tr><th>…</th>${columns.map(() => '<td>…</td>').join('')}</tr>`
        : `<tr><th>${escapeHtml(String(index[i]))}</th>${(rows[i] as unknown[]).map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`,
    )
    .join('');
  const shape = `<p>${rows.length} rows × ${columns.length} columns</p>`;
  return `<div><table border="1" class="dataframe">${head}<tbody>${body}</tbody></table>${isSeries ? '' : shape}</div>`;
}

export function danfoBundle(frame: DanfoLike): MimeBundle {
  let text: string;
  try {
    text = frame.toString();
  } catch {
    text = `${frame.constructor.name} ${JSON.stringify(frame.shape ?? [])}`;
  }
  return { 'text/plain': text, 'text/html': danfoToHtml(frame) };
}
