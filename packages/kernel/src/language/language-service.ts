import type { RunnableCell } from '../execution/transform-cell';
import { CellChecker, type CellDiagnostic } from './cell-checker';
import { isComplete, type Completeness } from './is-complete';
import { transformCell } from '../execution/transform-cell';
import { transformExpression } from '../execution/transform-expression';
import type { CellError } from '../execution/protocol';

/** Errors of a cell, or the script that runs it. */
export type PreparedCell = { errors: CellDiagnostic[]; runnable?: undefined } | { errors: []; runnable: RunnableCell };

/**
 * Everything the kernel asks of TypeScript, behind one object: it lives in a worker thread
 * (language-worker.ts) so the kernel keeps answering control requests and heartbeats while it checks.
 */
export class LanguageService {
  private readonly checker: CellChecker;

  constructor(cwd: string) {
    this.checker = new CellChecker(cwd);
  }

  /**
   * Loads the standard library and runs the checker and the compiler once over a typical cell, so that
   * the first real cell finds their code compiled by V8 (nothing of this cell is kept).
   */
  warmUp(): void {
    const sample = "const words: string[] = ['a', 'b'];\nasync function joined(xs: readonly string[]): Promise<string> { return xs.map((x) => x.toUpperCase()).join(', '); }\nawait joined(words);";
    this.checker.check(sample);
    transformCell(sample, 'warm_up');
    this.checker.check('export {};');
  }

  /** Type-checks a cell; without errors, also compiles it for the runtime. */
  prepare(code: string, runId: number): PreparedCell {
    const errors = this.checker.check(code).filter((d) => d.isError);
    if (errors.length > 0) return { errors };
    return { errors: [], runnable: transformCell(code, `cell_${runId}`) };
  }

  /** Records a cell's declarations for later cells (while the runtime runs the cell). */
  commit(code: string, runId: number): void {
    this.checker.commit(code, runId);
  }

  reset(): void {
    this.checker.reset();
  }

  completions(code: string, position: number): ReturnType<CellChecker['completions']> {
    return this.checker.completions(code, position);
  }

  quickInfo(code: string, position: number): string | undefined {
    return this.checker.quickInfo(code, position);
  }

  isComplete(code: string): Completeness {
    return isComplete(code);
  }

  /** user_expressions as JavaScript for the runtime. */
  compileExpressions(expressions: Record<string, string>): Record<string, string | CellError> {
    return Object.fromEntries(Object.entries(expressions).map(([name, expression]) => [name, transformExpression(String(expression))]));
  }
}

/** Methods callable across the thread boundary. */
export type LanguageMethod = 'warmUp' | 'prepare' | 'commit' | 'reset' | 'completions' | 'quickInfo' | 'isComplete' | 'compileExpressions';
