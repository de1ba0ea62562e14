import ts from 'typescript';
import { RUNTIME_GLOBAL } from './protocol';

/** A cell turned into a script that runs in the kernel's runtime. */
export interface RunnableCell {
  /** `(async () => { ... })()`; top-level declarations become globals so later cells see them. */
  readonly js: string;
  /** Source map (JSON) from `js` back to the cell's TypeScript; line 1 of `js` carries `prefixLength` extra columns. */
  readonly sourceMap: string;
  readonly prefixLength: number;
  /** True when the cell ends with an expression whose value is the cell's result. */
  readonly hasResult: boolean;
}


interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

const newlines = (text: string) => (text.match(/\n/g) ?? []).length;

/** Replacement text padded with newlines so the lines after it keep their numbers. */
function keepingLines(original: string, replacement: string): string {
  return replacement + '\n'.repeat(Math.max(0, newlines(original) - newlines(replacement)));
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/**
 * Step 1, on the TypeScript text: imports become `require`s of the runtime (ES imports cannot run in a
 * script), and `export` keywords go (a cell is not a module). Line numbers are kept.
 */
function rewriteImports(source: ts.SourceFile, cellId: string): string {
  const text = source.text;
  const edits: Edit[] = [];
  let moduleIndex = 0;
  for (const statement of source.statements) {
    const start = statement.getStart(source);
    const original = text.slice(start, statement.end);
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      const load = `${RUNTIME_GLOBAL}.require(${JSON.stringify(specifier)})`;
      if (!clause) {
        edits.push({ start, end: statement.end, text: keepingLines(original, `${load};`) });
        continue;
      }
      if (clause.isTypeOnly) {
        edits.push({ start, end: statement.end, text: keepingLines(original, '') });
        continue;
      }
      const holder = `__emotrans_${cellId}_m${moduleIndex++}`;
      const bindings = [`${holder} = ${load}`];
      if (clause.name) bindings.push(`${clause.name.text} = ${RUNTIME_GLOBAL}.importDefault(${holder})`);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) bindings.push(`${named.name.text} = ${RUNTIME_GLOBAL}.importStar(${holder})`);
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) {
          if (element.isTypeOnly) continue;
          const imported = (element.propertyName ?? element.name).text;
          bindings.push(`${element.name.text} = ${imported === 'default' ? `${RUNTIME_GLOBAL}.importDefault(${holder})` : `${holder}[${JSON.stringify(imported)}]`}`);
        }
      }
      edits.push({ start, end: statement.end, text: keepingLines(original, `const ${bindings.join(', ')};`) });
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      if (statement.isTypeOnly) {
        edits.push({ start, end: statement.end, text: keepingLines(original, '') });
        continue;
      }
      const specifier = (statement.moduleReference.expression as ts.StringLiteral).text;
      edits.push({ start, end: statement.end, text: keepingLines(original, `const ${statement.name.text} = ${RUNTIME_GLOBAL}.require(${JSON.stringify(specifier)});`) });
    } else if (ts.isExportDeclaration(statement) || (ts.isExportAssignment(statement) && !statement.isExportEquals)) {
      if (ts.isExportAssignment(statement)) {
        // `export default expr` → `expr`
        edits.push({ start, end: statement.expression.getStart(source), text: '' });
      } else {
        edits.push({ start, end: statement.end, text: keepingLines(original, '') });
      }
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      for (const modifier of ts.getModifiers(statement as ts.HasModifiers) ?? []) {
        if (modifier.kind === ts.SyntaxKind.ExportKeyword || modifier.kind === ts.SyntaxKind.DefaultKeyword) {
          edits.push({ start: modifier.getStart(source), end: modifier.end, text: ' '.repeat(modifier.end - modifier.getStart(source)) });
        }
      }
    }
  }
  return applyEdits(text, edits);
}

function bindingNames(name: ts.BindingName, out: string[]): string[] {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
  return out;
}

/**
 * Step 3, on the emitted JavaScript: top-level declarations become assignments to globals (so later
 * cells see them and may declare them again), functions are published at the start (they are hoisted),
 * and a final expression becomes the cell's return value.
 */
function globaliseDeclarations(js: string, endsWithExpression: boolean): { body: string; hoisted: string[]; hasResult: boolean } {
  const source = ts.createSourceFile('cell.js', js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits: Edit[] = [];
  const hoisted: string[] = [];
  const statements = source.statements.filter((s) => !ts.isExportDeclaration(s));
  for (const statement of source.statements) {
    const start = statement.getStart(source);
    const original = js.slice(start, statement.end);
    if (ts.isExportDeclaration(statement)) {
      edits.push({ start, end: statement.end, text: keepingLines(original, '') });
    } else if (ts.isVariableStatement(statement)) {
      const isVar = !(statement.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const));
      const parts: string[] = [];
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name.getText(source);
        if (declaration.initializer) {
          const init = js.slice(declaration.initializer.getFullStart(), declaration.initializer.end);
          parts.push(ts.isIdentifier(declaration.name) ? `${name} =${init};` : `(${name} =${init});`);
        } else {
          for (const n of bindingNames(declaration.name, [])) {
            parts.push(isVar ? `${n} = typeof ${n} === 'undefined' ? undefined : ${n};` : `${n} = undefined;`);
          }
        }
      }
      edits.push({ start, end: statement.end, text: keepingLines(original, parts.join(' ')) });
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      hoisted.push(statement.name.text);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      edits.push({ start, end: start, text: `${statement.name.text} = ` });
      edits.push({ start: statement.end, end: statement.end, text: ';' });
    }
  }
  const last = statements[statements.length - 1];
  let hasResult = false;
  if (endsWithExpression && last && ts.isExpressionStatement(last)) {
    const expression = last.expression;
    edits.push({ start: last.getStart(source), end: last.end, text: `return (${js.slice(expression.getStart(source), expression.end)});` });
    hasResult = true;
  }
  return { body: applyEdits(js, edits), hoisted, hasResult };
}

/** Compiles a cell's TypeScript into a script for the runtime (types are stripped, not checked, here). */
export function transformCell(code: string, cellId: string): RunnableCell {
  const fileName = `${cellId}.ts`;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lastStatement = source.statements[source.statements.length - 1];
  const endsWithExpression = lastStatement !== undefined && ts.isExpressionStatement(lastStatement);
  const rewritten = rewriteImports(source, cellId.replace(/\W/g, '_'));
  const output = ts.transpileModule(rewritten, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleDetection: ts.ModuleDetectionKind.Force,
      sourceMap: true,
      inlineSources: false,
      experimentalDecorators: true,
      removeComments: false,
    },
    reportDiagnostics: false,
  });
  const js = output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const { body, hoisted, hasResult } = globaliseDeclarations(js, endsWithExpression);
  const prefix = `(async () => { ${hoisted.map((n) => `globalThis[${JSON.stringify(n)}] = ${n};`).join(' ')}`;
  return { js: `${prefix}${body}\n})()`, sourceMap: output.sourceMapText ?? '', prefixLength: prefix.length, hasResult };
}
