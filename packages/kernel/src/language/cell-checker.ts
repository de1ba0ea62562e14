import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { KERNEL_GLOBALS_DTS } from './kernel-globals';
import { topLevelNames } from './top-level-names';

/** A problem the type checker found in a cell. */
export interface CellDiagnostic {
  /** 1-based line and column in the cell. */
  readonly line: number;
  readonly column: number;
  readonly code: number;
  readonly message: string;
  readonly isError: boolean;
}

/**
 * Earlier cells' names reach a cell as imports, so assigning to them reads "Cannot assign to 'x' because it
 * is an import": right for an earlier `const`, wrong for an earlier `let` or `var`.
 */
const ASSIGNED_AN_IMPORT = new Set([2632, 2539]);

interface VirtualFile {
  text: string;
  version: number;
}

/** Where the kernel finds @types/node when the notebook's folder has none. */
function kernelTypeRoots(): string[] {
  try {
    return [path.dirname(path.dirname(require.resolve('@types/node/package.json')))];
  } catch {
    return [];
  }
}

/** Every identifier in a cell (over-counts: property names too), i.e. the earlier names it may use. */
function identifiers(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * Cells of numbers and arithmetic only (`6 * 7`, `(1 + 2) / 3`) cannot have a type error: they skip the
 * checker. Anything else (a string, a name, a call) is checked.
 */
const CONSTANT_ARITHMETIC = /^[\s\d.+\-*/%()]*;?\s*$/;
function needsNoChecker(code: string): boolean {
  if (!CONSTANT_ARITHMETIC.test(code) || !/\d/.test(code) || /\/[/*]/.test(code)) return false;
  const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return ((source as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length === 0;
}

/** The text before the cursor ends inside a module specifier: `from '@emo`, `import('x`, `require('x`. */
const MODULE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]*)$/;

let packagesNearKernel: string[] | undefined;

/** Names of the packages in the node_modules folders above the kernel's installation (read once). */
function kernelPackages(): string[] {
  if (packagesNearKernel) return packagesNearKernel;
  const names = new Set<string>();
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const modules = path.join(dir, 'node_modules');
    for (const entry of safeList(modules)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) for (const inner of safeList(path.join(modules, entry))) names.add(`${entry}/${inner}`);
      else names.add(entry);
    }
    if (path.dirname(dir) === dir) break;
  }
  packagesNearKernel = [...names];
  return packagesNearKernel;
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** The kinds JupyterLab knows for completion items, from TypeScript's element kinds. */
function completionKind(kind: ts.ScriptElementKind): string {
  switch (kind) {
    case ts.ScriptElementKind.functionElement:
    case ts.ScriptElementKind.memberFunctionElement:
    case ts.ScriptElementKind.constructSignatureElement:
    case ts.ScriptElementKind.callSignatureElement:
      return 'function';
    case ts.ScriptElementKind.classElement:
    case ts.ScriptElementKind.interfaceElement:
    case ts.ScriptElementKind.typeElement:
    case ts.ScriptElementKind.enumElement:
      return 'class';
    case ts.ScriptElementKind.keyword:
      return 'keyword';
    case ts.ScriptElementKind.moduleElement:
      return 'module';
    // Earlier cells' names reach a cell as imports (aliases): mostly variables, so shown as such.
    case ts.ScriptElementKind.alias:
      return 'instance';
    case ts.ScriptElementKind.memberVariableElement:
    case ts.ScriptElementKind.memberGetAccessorElement:
    case ts.ScriptElementKind.memberSetAccessorElement:
      return 'property';
    default:
      return 'instance';
  }
}

/**
 * Library files (packages, TypeScript's lib, declaration files) do not change during a session; a
 * notebook's own .ts files may.
 */
const isInstalled = (file: string) => file.includes('/node_modules/') || file.endsWith('.d.ts');

function modifiedTime(file: string): string {
  try {
    return String(fs.statSync(file).mtimeMs);
  } catch {
    return 'missing';
  }
}

/**
 * The TypeScript language service over a notebook: each cell is checked as a module that imports what
 * earlier cells declared (from those cells' own module text, kept in memory), so a later cell can declare
 * a name again. Nothing is emitted: a type that cannot be named outside its package (TS2742) is fine in
 * a notebook. Diagnostics, completions and quick info all come from this one service, which reuses the
 * previous program for everything but the cell that changed.
 */
export class CellChecker {
  private readonly files = new Map<string, VirtualFile>();
  private readonly diskCache = new Map<string, ts.IScriptSnapshot | undefined>();
  private readonly existsCache = new Map<string, boolean>();
  private readonly readCache = new Map<string, string | undefined>();
  private readonly localFiles = new Map<string, { time: string; snapshot: ts.IScriptSnapshot | undefined }>();
  private readonly service: ts.LanguageService;
  private readonly options: ts.CompilerOptions;
  /** Name → number of the last cell that declared it. */
  private readonly declaredBy = new Map<string, number>();
  /** Names whose last declaration was `let` or `var`: later cells may assign to them. */
  private readonly mutable = new Set<string>();
  private readonly currentFile: string;
  private readonly globalsFile: string;
  private readonly dir: string;

  constructor(cwd: string) {
    this.dir = cwd.split(path.sep).join('/');
    this.currentFile = `${this.dir}/__emotrans_cell__.ts`;
    this.globalsFile = `${this.dir}/__emotrans_kernel_globals__.d.ts`;
    this.files.set(this.globalsFile, { text: KERNEL_GLOBALS_DTS, version: 1 });
    this.files.set(this.currentFile, { text: 'export {};', version: 1 });
    this.options = {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      moduleDetection: ts.ModuleDetectionKind.Force,
      strict: true,
      esModuleInterop: true,
      allowSyntheticDefaultImports: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      declaration: false,
      noEmit: true,
      experimentalDecorators: true,
      types: ['node'],
      typeRoots: [`${this.dir}/node_modules/@types`, ...kernelTypeRoots()],
    };
    // getModuleResolutionCache is read by the service (not in its public host type): package.json lookups reuse it.
    const host: ts.LanguageServiceHost & { getModuleResolutionCache(): ts.ModuleResolutionCache } = {
      getScriptFileNames: () => [this.globalsFile, this.currentFile],
      getScriptVersion: (file) => {
        const virtual = this.files.get(file);
        if (virtual) return String(virtual.version);
        return isInstalled(file) ? '0' : modifiedTime(file);
      },
      getScriptSnapshot: (file) => {
        const virtual = this.files.get(file);
        if (virtual) return ts.ScriptSnapshot.fromString(virtual.text);
        // The notebook's own .ts files may change while it is open: read again when their time changes.
        if (!isInstalled(file)) {
          const time = modifiedTime(file);
          const known = this.localFiles.get(file);
          if (known?.time === time) return known.snapshot;
          const snapshot = time === 'missing' ? undefined : ts.ScriptSnapshot.fromString(fs.readFileSync(file, 'utf8'));
          this.localFiles.set(file, { time, snapshot });
          return snapshot;
        }
        if (!this.diskCache.has(file)) {
          this.diskCache.set(file, fs.existsSync(file) ? ts.ScriptSnapshot.fromString(fs.readFileSync(file, 'utf8')) : undefined);
        }
        return this.diskCache.get(file);
      },
      getCurrentDirectory: () => this.dir,
      getCompilationSettings: () => this.options,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      // Files on disk (libraries, package.json) are read once per session: every new program asks again.
      fileExists: (file) => this.files.has(file) || this.cached(this.existsCache, file, () => ts.sys.fileExists(file)),
      readFile: (file, encoding) => this.files.get(file)?.text ?? this.cached(this.readCache, file, () => ts.sys.readFile(file, encoding)),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
      // Packages resolve from the notebook's folder, then from the kernel's installation (emotrans itself).
      resolveModuleNameLiterals: (literals, containingFile, redirected, options, containingSourceFile) =>
        literals.map((literal) => {
          const mode = ts.getModeForUsageLocation(containingSourceFile, literal, options);
          const found = ts.resolveModuleName(literal.text, containingFile, options, host, cache, redirected, mode);
          if (found.resolvedModule || literal.text.startsWith('.')) return found;
          return ts.resolveModuleName(literal.text, path.join(__dirname, '__notebook__.ts'), options, host, cache, undefined, mode);
        }),
      getModuleResolutionCache: () => cache,
    };
    const cache = ts.createModuleResolutionCache(this.dir, (f) => f, this.options);
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  private cached<T>(cache: Map<string, T>, key: string, read: () => T): T {
    if (!cache.has(key)) cache.set(key, read());
    return cache.get(key) as T;
  }

  /** The module text the service sees for a cell: the code, then imports of earlier names and exports of its own. */
  private setCell(code: string, everyName = false): { codeLength: number; declared: string[]; mutable: string[] } {
    const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const { declared, exported, mutable } = topLevelNames(source);
    const own = new Set(declared);
    // Only the earlier names the cell mentions are imported (completion wants them all): a cell that uses
    // none is checked without the modules earlier cells loaded.
    const mentioned = everyName ? undefined : identifiers(source);
    const byCell = new Map<number, string[]>();
    for (const [name, cell] of this.declaredBy) {
      if (own.has(name) || (mentioned && !mentioned.has(name))) continue;
      byCell.set(cell, [...(byCell.get(cell) ?? []), name]);
    }
    const imports = [...byCell].map(([cell, names]) => `import { ${names.join(', ')} } from './__emotrans_cell_${cell}';`).join(' ');
    const exportedSet = new Set(exported);
    const exports = declared.filter((n) => !exportedSet.has(n));
    const text = `${code}\n${imports}\nexport { ${exports.join(', ')} };\n`;
    const file = this.files.get(this.currentFile)!;
    if (file.text !== text) this.files.set(this.currentFile, { text, version: file.version + 1 });
    return { codeLength: code.length, declared, mutable };
  }

  /** Syntax and type errors of a cell, given the cells run before it. */
  check(code: string): CellDiagnostic[] {
    if (needsNoChecker(code)) return [];
    const { codeLength } = this.setCell(code);
    const diagnostics = [...this.service.getSyntacticDiagnostics(this.currentFile), ...this.service.getSemanticDiagnostics(this.currentFile)];
    const lines = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const out: CellDiagnostic[] = [];
    for (const d of diagnostics) {
      if (d.category === ts.DiagnosticCategory.Suggestion || d.category === ts.DiagnosticCategory.Message) continue;
      const start = d.start ?? 0;
      if (start > codeLength) continue; // in the imports/exports the kernel appended
      let message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (ASSIGNED_AN_IMPORT.has(d.code)) {
        const name = code.slice(start, start + (d.length ?? 0));
        if (this.mutable.has(name)) continue;
        message = `Cannot assign to '${name}' because an earlier cell declared it as a constant (declare it again to replace it).`;
      }
      const { line, character } = lines.getLineAndCharacterOfPosition(Math.min(start, code.length));
      out.push({ line: line + 1, column: character + 1, code: d.code, message, isError: d.category === ts.DiagnosticCategory.Error });
    }
    return out;
  }

  /** Records a cell that ran: its declarations become visible to later cells. */
  commit(code: string, cell: number): void {
    const { declared, mutable } = this.setCell(code);
    if (declared.length === 0) return;
    // The cell's module as it was checked (with its imports of earlier cells) is what later cells import.
    this.files.set(`${this.dir}/__emotrans_cell_${cell}.ts`, { text: this.files.get(this.currentFile)!.text, version: 1 });
    for (const name of declared) this.declaredBy.set(name, cell);
    for (const name of declared) this.mutable.delete(name);
    for (const name of mutable) this.mutable.add(name);
  }

  /** Forgets every cell (the runtime lost its variables). */
  reset(): void {
    this.declaredBy.clear();
    this.mutable.clear();
    for (const file of [...this.files.keys()]) if (/__emotrans_cell_\d+\.ts$/.test(file)) this.files.delete(file);
  }

  /** Names that complete the word at `position`, with a kind each (JupyterLab shows it as an icon). */
  completions(code: string, position: number): { names: string[]; kinds: string[]; start: number; end: number } {
    this.setCell(code, true);
    const specifier = MODULE_SPECIFIER.exec(code.slice(0, position));
    if (specifier) return this.moduleCompletions(code, position, specifier[2]);
    let start = position;
    while (start > 0 && /[\w$]/.test(code[start - 1])) start--;
    let end = position;
    while (end < code.length && /[\w$]/.test(code[end])) end++;
    const prefix = code.slice(start, position);
    const info = this.service.getCompletionsAtPosition(this.currentFile, position, { includeCompletionsWithInsertText: false });
    const seen = new Set<string>();
    const entries = (info?.entries ?? [])
      .filter((e) => e.name.startsWith(prefix) && !e.name.startsWith('__emotrans'))
      .sort((a, b) => a.sortText.localeCompare(b.sortText) || a.name.localeCompare(b.name))
      .filter((e) => !seen.has(e.name) && seen.add(e.name));
    return { names: entries.map((e) => e.name), kinds: entries.map((e) => completionKind(e.kind)), start, end };
  }

  /**
   * Packages for `import ... from '<here>'`: what TypeScript finds from the notebook's folder, and the
   * packages the kernel resolves from its own installation (emotrans itself, where the folder has none).
   */
  private moduleCompletions(code: string, position: number, typed: string): { names: string[]; kinds: string[]; start: number; end: number } {
    const start = position - typed.length;
    let end = position;
    while (end < code.length && !/['"\s]/.test(code[end])) end++;
    const info = this.service.getCompletionsAtPosition(this.currentFile, position, { includeCompletionsWithInsertText: false });
    const fromService = (info?.entries ?? []).map((e) => (e.replacementSpan ? code.slice(e.replacementSpan.start, position).replace(/[^/]*$/, '') + e.name : e.name));
    const names = [...new Set([...fromService, ...kernelPackages()])].filter((n) => n.startsWith(typed) && !n.includes('__emotrans')).sort();
    return { names, kinds: names.map(() => 'module'), start, end };
  }

  /** Type and documentation of the symbol at (or just before) a position, as plain text. */
  quickInfo(code: string, position: number): string | undefined {
    this.setCell(code);
    for (const at of [position, position - 1]) {
      if (at < 0) continue;
      const info = this.service.getQuickInfoAtPosition(this.currentFile, at);
      if (!info) continue;
      const signature = ts.displayPartsToString(info.displayParts);
      const docs = ts.displayPartsToString(info.documentation);
      const tags = (info.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`.trim());
      return [signature, docs, ...tags].filter(Boolean).join('\n\n');
    }
    return undefined;
  }
}
