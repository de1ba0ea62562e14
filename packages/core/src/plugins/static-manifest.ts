import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CONTRIBUTION_KINDS, type ContributionKind, type JsonSchema, type Manifest } from '../extension-points/contribution';
import { BadInputError } from '../runtime/errors';
import { isValidRange, rangeIncludes } from './engines-range';
import { validateAgainst } from '../spec/validate-json';

/**
 * A plugin's static manifest: what its package.json declares it contributes, read without running its
 * code (VS Code's `contributes` and `engines`):
 *
 * ```json
 * {
 *   "name": "emotrans-plugin-subspace-align", "version": "0.1.0", "main": "index.ts",
 *   "engines": { "emotrans": "^0.1.0" },
 *   "emotrans": { "plugin": true },
 *   "contributes": {
 *     "transfer": [{ "id": "subspace-align", "description": "...", "version": "1", "options": { "type": "object", ... } }]
 *   }
 * }
 * ```
 * Each entry is the contribution's manifest without `kind` (the key says it); `options` may be a path
 * (relative to package.json) to a JSON Schema file.
 */
export interface StaticManifest {
  readonly packageJson: string;
  readonly name: string;
  readonly version?: string;
  /** The `engines.emotrans` range, when given. */
  readonly engines?: string;
  /** Declared contributions, or undefined when the package declares none (its code is loaded to learn them). */
  readonly contributes?: readonly Manifest[];
}

/** The JSON Schema of one `contributes.<kind>[i]` entry. */
const ENTRY_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'description', 'options'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    description: { type: 'string' },
    options: { anyOf: [{ type: 'object' }, { type: 'string', minLength: 1 }] },
    version: { type: 'string' },
    label: { type: 'string' },
    default: { type: ['boolean', 'number'] },
    identity: { type: 'boolean' },
    higherIsBetter: { type: 'boolean' },
  },
};

/** The JSON Schema of a package.json's `contributes` (precompiled at build time: scripts/build-validators.js). */
export const CONTRIBUTES_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, { type: 'array', items: ENTRY_SCHEMA }])),
};

let runningCoreVersion: string | undefined;

/** The version of the running core, the one `engines.emotrans` ranges are checked against. */
export function coreVersion(): string {
  runningCoreVersion ??= JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')).version as string;
  return runningCoreVersion;
}

/**
 * Problems of a package.json as a plugin manifest, each naming the field (`contributes.metric[0].higherIsBetter: ...`);
 * empty when it is fine. Does not look at the plugin's code.
 */
export function staticManifestProblems(pkg: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const engines = (pkg.engines as Record<string, unknown> | undefined)?.emotrans;
  if (engines !== undefined && (typeof engines !== 'string' || !isValidRange(engines))) {
    problems.push(`engines.emotrans: got ${JSON.stringify(engines)}, expected a semver range such as "^0.1.0"`);
  }
  if (pkg.contributes === undefined) return problems;
  const contributes = structuredClone(pkg.contributes);
  problems.push(...validateAgainst(CONTRIBUTES_SCHEMA, contributes, 'contributes'));
  const entries = (contributes && typeof contributes === 'object' ? contributes : {}) as Record<string, unknown>;
  for (const kind of CONTRIBUTION_KINDS) {
    const list = Array.isArray(entries[kind]) ? (entries[kind] as Record<string, unknown>[]) : [];
    list.forEach((entry, i) => {
      if (!entry || typeof entry !== 'object') return;
      if (kind === 'metric' && typeof entry.higherIsBetter !== 'boolean') {
        problems.push(`contributes.metric[${i}].higherIsBetter: missing; a metric must say whether higher scores are better`);
      }
      const ids = list.map((e) => e.id);
      if (ids.indexOf(entry.id) !== i) problems.push(`contributes.${kind}[${i}].id: '${entry.id}' is declared twice`);
    });
  }
  return problems;
}

/** Reads a plugin folder's static manifest; throws naming package.json and the field when it is malformed. */
export function readStaticManifest(dir: string): StaticManifest | undefined {
  const file = path.join(dir, 'package.json');
  if (!fs.existsSync(file)) return undefined;
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BadInputError(`invalid JSON (${(error as Error).message})`, file);
  }
  const problems = staticManifestProblems(pkg);
  if (problems.length) throw new BadInputError(`invalid plugin manifest:\n  ${problems.join('\n  ')}`, file);
  const engines = (pkg.engines as Record<string, string> | undefined)?.emotrans;
  const name = typeof pkg.name === 'string' ? pkg.name : path.basename(dir);
  const version = typeof pkg.version === 'string' ? pkg.version : undefined;
  if (pkg.contributes === undefined) return { packageJson: file, name, version, engines };
  const contributes: Manifest[] = [];
  for (const [kind, list] of Object.entries(pkg.contributes as Record<string, Record<string, unknown>[]>)) {
    list.forEach((entry, i) => {
      const options = typeof entry.options === 'string' ? readSchemaFile(dir, entry.options, `contributes.${kind}[${i}].options`, file) : entry.options;
      contributes.push({ ...entry, kind: kind as ContributionKind, options } as unknown as Manifest);
    });
  }
  return { packageJson: file, name, version, engines, contributes };
}

function readSchemaFile(dir: string, relative: string, field: string, packageJson: string): JsonSchema {
  const file = path.resolve(dir, relative);
  try {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new Error('not a JSON object');
    return schema;
  } catch (error) {
    throw new BadInputError(`${field}: cannot read the options schema ${file} (${(error as Error).message})`, packageJson);
  }
}

/** Why a plugin's `engines.emotrans` range excludes the running core, or undefined when it includes it (or has none). */
export function enginesProblem(manifest: StaticManifest, version: string = coreVersion()): string | undefined {
  if (!manifest.engines || rangeIncludes(version, manifest.engines)) return undefined;
  return `engines.emotrans: '${manifest.engines}' does not include this emotrans (${version}); install a matching emotrans or plugin version`;
}

/**
 * The differences between a declared manifest and the one the code exports (empty when they agree): the
 * package.json is what `list` and `validate` trust, so it must say what the code does.
 */
export function manifestDifferences(declared: Manifest, actual: Manifest): string[] {
  const fields = new Set([...Object.keys(declared), ...Object.keys(actual)]);
  const norm = (v: unknown) => JSON.stringify(v, (_k, value) => (value && typeof value === 'object' && !Array.isArray(value) ? sortKeys(value) : value));
  const out: string[] = [];
  for (const field of [...fields].sort()) {
    const a = (declared as unknown as Record<string, unknown>)[field];
    const b = (actual as unknown as Record<string, unknown>)[field];
    // Equal as JSON (any key order) first: sorting keys with localeCompare sets up ICU's collator, which a
    // plugin load at start-up need not pay for when, as usual, the manifests agree.
    if (isDeepStrictEqual(asJson(a), asJson(b))) continue;
    if (norm(a) !== norm(b)) out.push(`${field} (package.json: ${abbreviate(norm(a))}, code: ${abbreviate(norm(b))})`);
  }
  return out;
}

/** The value as JSON carries it (undefined members dropped, -0 as 0); undefined for what JSON cannot hold. */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function sortKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

function abbreviate(text: string | undefined): string {
  if (text === undefined) return 'absent';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
