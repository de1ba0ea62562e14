import Module from 'node:module';
import path from 'node:path';

const HOST = Symbol.for('emotrans.api.host');
let installed = false;

/**
 * Makes this core the run-time `@emotrans/api` of the plugins it loads: the package's index.js returns
 * the object registered here, so a plugin that installed @emotrans/api (for its types) shares this core's
 * contribution points and helpers. A plugin without it installed (a plain .ts file) gets the same object:
 * an unresolvable `@emotrans/api` resolves to this core's public entry.
 */
export function registerApiHost(): void {
  if (installed) return;
  installed = true;
  const hosts = globalThis as unknown as Record<symbol, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hosts[HOST] ??= require('../api');
  const entry = path.resolve(__dirname, '..', 'api.js');
  const internals = Module as unknown as { _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
    try {
      return resolve.call(this, request, parent, ...rest);
    } catch (error) {
      if (request === '@emotrans/api') return entry;
      throw error;
    }
  };
}
