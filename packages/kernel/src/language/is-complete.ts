import ts from 'typescript';

export type Completeness = { status: 'complete' } | { status: 'incomplete'; indent: string } | { status: 'invalid' };

/** Syntax errors that only mean "more input is needed" when they occur at the very end. */
const NEEDS_MORE = new Set([
  1005, // 'x' expected (a closing bracket, brace, parenthesis)
  1109, // Expression expected
  1160, // Unterminated template literal
  1010, // '*/' expected
]);

/**
 * Whether the code is ready to run (a console front end asks before sending a line): `incomplete` when
 * the only syntax errors are at the end and ask for more (an open bracket, a trailing operator),
 * `invalid` for other syntax errors.
 */
export function isComplete(code: string): Completeness {
  if (code.trim() === '') return { status: 'complete' };
  const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (diagnostics.length === 0) return { status: 'complete' };
  const end = code.trimEnd().length;
  // `x.`, `@dec`, `let y: ` end on a token that asks for more (member name, declaration, type).
  const opensMore = /(\.|@[\w$.]*|:|=>|[=+\-*/%&|^<>,?]|\b(?:new|return|typeof|await|extends|implements|as|in|of))\s*$/.test(code);
  const allAtEnd = diagnostics.every((d) => (NEEDS_MORE.has(d.code) || opensMore) && d.start >= end - 1);
  if (!allAtEnd) return { status: 'invalid' };
  const lastLine = code.slice(code.lastIndexOf('\n') + 1);
  const indent = /^\s*/.exec(lastLine)?.[0] ?? '';
  const opens = /[{[(]\s*$/.test(code.trimEnd());
  return { status: 'incomplete', indent: opens ? `${indent}  ` : indent };
}
