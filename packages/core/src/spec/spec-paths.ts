import path from 'node:path';
import type { JsonSchema } from '../extension-points/contribution';

/**
 * The one rule for paths in a spec: relative to the spec file (not the working directory), so a spec and
 * its data and plugins can move together. Applies to `plugins` entries and to every contribution option
 * whose schema says `format: "path"` (e.g. a corpus folder). `packageNames`: a bare name such as
 * `emotrans-plugin-x` or `@scope/x` is an npm package, not a path, and is kept as it is.
 */
export function resolveSpecPath(value: string, specFile: string, options: { packageNames?: boolean } = {}): string {
  if (path.isAbsolute(value)) return value;
  if (options.packageNames && !value.startsWith('.') && !value.includes(path.sep)) return value;
  if (options.packageNames && value.startsWith('@') && value.split('/').length === 2) return value;
  return path.resolve(path.dirname(path.resolve(specFile)), value);
}

/**
 * Resolves, in place, the options (top-level and nested objects) whose schema declares `format: "path"`.
 * `specFile` 'spec' (no file: a spec built in code) resolves against the working directory.
 */
export function resolvePathOptions(schema: JsonSchema, options: Record<string, unknown>, specFile: string): void {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const base = specFile === 'spec' ? path.join(process.cwd(), 'spec') : specFile;
  for (const [name, property] of Object.entries(properties)) {
    const value = options[name];
    if (property.format === 'path' && typeof value === 'string') options[name] = resolveSpecPath(value, base);
    else if (property.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      resolvePathOptions(property, value as Record<string, unknown>, specFile);
    }
  }
}
