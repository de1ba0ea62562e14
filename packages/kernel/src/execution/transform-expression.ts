import ts from 'typescript';
import type { CellError } from './protocol';

/**
 * A user expression (execute_request's user_expressions) in TypeScript, as JavaScript the runtime can
 * evaluate; its types are stripped, not checked. A syntax error comes back as the expression's error.
 */
export function transformExpression(expression: string): string | CellError {
  const output = ts.transpileModule(`(${expression}\n)`, {
    fileName: 'user_expression.ts',
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleDetection: ts.ModuleDetectionKind.Legacy, removeComments: true },
    reportDiagnostics: true,
  });
  const problem = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (problem) {
    const evalue = ts.flattenDiagnosticMessageText(problem.messageText, '\n');
    return { ename: 'SyntaxError', evalue, traceback: [`SyntaxError: ${evalue}`] };
  }
  return output.outputText;
}
