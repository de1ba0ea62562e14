import type { CellDiagnostic } from '../language/cell-checker';

const red = (s: string) => `\u001b[31m${s}\u001b[0m`;

/** Type errors of a cell as an error reply: one entry per diagnostic, with the line and a caret under it. */
export function diagnosticsError(diagnostics: readonly CellDiagnostic[], code: string, label: string): { ename: string; evalue: string; traceback: string[] } {
  const lines = code.split('\n');
  const traceback: string[] = [];
  for (const d of diagnostics) {
    traceback.push(red(`${label}, line ${d.line}:${d.column} - error TS${d.code}: ${d.message}`));
    const text = lines[d.line - 1];
    if (text !== undefined) {
      traceback.push(`    ${text}`);
      traceback.push(`    ${' '.repeat(Math.max(0, d.column - 1))}^`);
    }
  }
  const first = diagnostics[0];
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
  traceback.push('(the cell did not run; put `// @ts-nocheck` on its first line to run it without type checking)');
  return { ename: 'TSError', evalue: `line ${first.line}: ${first.message}${more}`, traceback };
}
