import Module from 'node:module';
import path from 'node:path';

let installed = false;

/**
 * The one `.ts` require hook of emotrans, shared by plugin loading and the notebook kernel's runtime.
 * Lets plugins (and a notebook's local files) outside the workspace be plain `.ts` files and import `@emotrans/core` without
 * installing it: `.ts` is transpiled on require (no type check; `tsc` is for that), and an unresolvable
 * `@emotrans/core` resolves to the running core so plugins share its service identifiers and helpers.
 */
export function installPluginRequireHooks(): void {
  if (installed) return;
  installed = true;
  const coreEntry = path.resolve(__dirname, '..', 'index.js');
  const moduleInternals = Module as unknown as {
    _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  };
  const resolve = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
    try {
      return resolve.call(this, request, parent, ...rest);
    } catch (error) {
      if (request === '@emotrans/core') return coreEntry;
      throw error;
    }
  };
  const extensions = (Module as unknown as { _extensions: Record<string, (m: NodeModule, file: string) => void> })._extensions;
  if (!extensions['.ts']) {
    extensions['.ts'] = (module, filename) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ts: typeof import('typescript') = require('typescript');
      const source = require('node:fs').readFileSync(filename, 'utf8');
      const output = ts.transpileModule(source, {
        fileName: filename,
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          sourceMap: false,
          inlineSourceMap: true,
        },
      });
      (module as unknown as { _compile(code: string, file: string): void })._compile(output.outputText, filename);
    };
  }
}
