import fs from 'node:fs';
import Module from 'node:module';

/**
 * Lets cells import local `.ts` files (`import { helper } from './helper'`): they are transpiled on require.
 * Their types are checked where cells use them, by the language service; TypeScript loads on first use.
 */
export function allowTypeScriptFiles(): void {
  const extensions = (Module as unknown as { _extensions: Record<string, (module: NodeModule, file: string) => void> })._extensions;
  if (extensions['.ts']) return;
  extensions['.ts'] = (module, filename) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts: typeof import('typescript') = require('typescript');
    const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, inlineSourceMap: true },
    });
    (module as unknown as { _compile(code: string, file: string): void })._compile(output.outputText, filename);
  };
}
