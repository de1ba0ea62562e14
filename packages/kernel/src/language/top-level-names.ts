import ts from 'typescript';

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
}

const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/**
 * Names a cell declares at its top level (values, types and imports), those it exports itself, and the
 * variables later cells may assign to (`let` and `var`).
 */
export function topLevelNames(source: ts.SourceFile): { declared: string[]; exported: string[]; mutable: string[] } {
  const declared: string[] = [];
  const exported: string[] = [];
  const mutable: string[] = [];
  for (const statement of source.statements) {
    const names: string[] = [];
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) bindingNames(d.name, names);
      if (!(statement.declarationList.flags & ts.NodeFlags.Const)) mutable.push(...names);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      names.push(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.push(clause.name.text);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) names.push(named.name.text);
      if (named && ts.isNamedImports(named)) for (const e of named.elements) names.push(e.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      names.push(statement.name.text);
    }
    declared.push(...names);
    if (isExported(statement)) exported.push(...names);
  }
  return { declared: [...new Set(declared)], exported, mutable };
}
