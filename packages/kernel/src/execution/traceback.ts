import { SourceMap } from 'node:module';

/** What the runtime keeps of each executed cell to map stack frames back to TypeScript lines. */
export interface CellSource {
  /** How the traceback names the cell, e.g. `Cell [3]`. */
  readonly label: string;
  readonly map: SourceMap | undefined;
  readonly prefixLength: number;
  readonly lines: readonly string[];
  /** Lines of the generated script; its last line only calls the cell's wrapper. */
  readonly scriptLines: number;
}

export const cellFileName = (cell: number) => `cell[${cell}]`;

const FRAME = /^\s+at (?:(.*?) \()?cell\[(\d+)\]:(\d+):(\d+)\)?$/;

/** Cell line (1-based) of a position in the cell's generated script. */
export function originalLine(source: CellSource, line: number, column: number): number {
  const col = line === 1 ? Math.max(0, column - 1 - source.prefixLength) : column - 1;
  const entry = source.map?.findEntry(line - 1, col) as { originalLine?: number } | undefined;
  return entry && typeof entry.originalLine === 'number' ? entry.originalLine + 1 : line;
}

/**
 * A readable traceback: the error line, then for each frame in a cell `Cell [n], line k` with the code of
 * that line; frames of the kernel's own machinery are left out, those of libraries kept.
 */
export function formatTraceback(error: unknown, cells: ReadonlyMap<number, CellSource>): { ename: string; evalue: string; traceback: string[] } {
  const err = error instanceof Error ? error : undefined;
  const ename = err?.name ?? (typeof error === 'object' && error !== null ? (error.constructor?.name ?? 'Error') : 'Error');
  const evalue = err ? err.message : String(error);
  const red = (s: string) => `\u001b[31m${s}\u001b[0m`;
  const traceback = [red(`${ename}: ${evalue}`)];
  const stack = typeof err?.stack === 'string' ? err.stack.split('\n').slice(1) : [];
  let previous = '';
  for (const frame of stack) {
    const match = FRAME.exec(frame);
    if (match) {
      const [, fn, cellText, lineText, columnText] = match;
      const source = cells.get(Number(cellText));
      if (!source || Number(lineText) >= source.scriptLines) continue;
      const line = originalLine(source, Number(lineText), Number(columnText));
      const name = fn?.replace(/^async /, '');
      const where = name && name !== '<anonymous>' ? ` in ${name}` : '';
      const key = `${source.label}:${line}`;
      // An arrow function and the cell around it on one line: one entry.
      if (key === previous && !where) continue;
      previous = key;
      traceback.push(`    at ${source.label}, line ${line}${where}`);
      const code = source.lines[line - 1];
      if (code !== undefined) traceback.push(`        ${code.trim()}`);
    } else if ((previous = '') === '' && /^\s+at /.test(frame) && !/node:internal|runtime-worker|\(node:|^\s+at new Promise \(<anonymous>\)|emotrans\/kernel\/dist/.test(frame)) {
      traceback.push(frame.replace(/^\s+/, '    '));
    }
  }
  return { ename, evalue, traceback };
}
