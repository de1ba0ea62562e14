/**
 * The validators scripts/build-validators.js precompiles (the meta-schema, `contributes`, the experiment
 * spec, the workspace plugins' options schemas) answer exactly as Ajv compiling the same schema at run
 * time: same verdict, same errors, same defaults filled in. And the built core uses them: validating a
 * workspace plugin's options needs no Ajv, and a schema not built for (a third-party plugin's) still works.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';

const dist = path.resolve(__dirname, '..', 'dist');
// What `npm run build` does after tsc -b (idempotent), so the test sees the validators of the schemas as they are now.
const build = spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', '..', 'scripts', 'build-validators.js')], { encoding: 'utf8' });
if (build.status !== 0) throw new Error(`scripts/build-validators.js failed: ${build.stderr}`);
/* eslint-disable @typescript-eslint/no-require-imports */
const { configuredAjv, precompiledValidator } = require(path.join(dist, 'spec', 'ajv-instance.js'));
const { CONTRIBUTES_SCHEMA, readStaticManifest } = require(path.join(dist, 'plugins', 'static-manifest.js'));
const { EXPERIMENT_SCHEMA } = require(path.join(dist, 'spec', 'schema.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

const pluginsDir = path.resolve(__dirname, '..', '..', 'plugins');
const pluginSchemas: [string, Record<string, unknown>][] = fs
  .readdirSync(pluginsDir)
  .flatMap((name) => (readStaticManifest(path.join(pluginsDir, name))?.contributes ?? []).map((m: { kind: string; id: string; options: Record<string, unknown> }) => [`${m.kind} ${m.id}`, m.options] as [string, Record<string, unknown>]));

/** Inputs that hit the schema's keywords: empty, each declared property with a value of the wrong type, and odd roots. */
function probes(schema: Record<string, unknown>): unknown[] {
  const properties = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  const wrong = [{}, 'text', -1.5, [1], null, true];
  return [{}, [], null, 'x', ...properties.map((p, i) => ({ [p]: wrong[i % wrong.length] })), Object.fromEntries(properties.map((p) => [p, 'x'])), { notAProperty: 1 }];
}

function agree(precompiled: ValidateFunction, compiled: ValidateFunction, data: unknown): void {
  const a = structuredClone(data);
  const b = structuredClone(data);
  const verdict = { valid: precompiled(a), errors: precompiled.errors ?? null, data: a };
  expect(verdict).toEqual({ valid: compiled(b), errors: compiled.errors ?? null, data: b });
}

it.each([['contributes', CONTRIBUTES_SCHEMA], ['experiment spec', EXPERIMENT_SCHEMA], ...pluginSchemas])('%s: the precompiled validator answers as Ajv', (_name, schema) => {
  const precompiled = precompiledValidator(JSON.stringify(schema));
  if (!precompiled) throw new Error('scripts/build-validators.js wrote no validator for this schema');
  const compiled = configuredAjv().compile(schema);
  for (const data of probes(schema)) agree(precompiled, compiled, data);
});

it('the precompiled meta-schema validator rejects bad schemas with the errors of Ajv’s own', () => {
  const ajv = configuredAjv();
  const env = ajv.schemas['http://json-schema.org/draft-07/schema'];
  const precompiled = precompiledValidator(JSON.stringify(env.schema));
  expect(precompiled).toBeDefined();
  const compiled = ajv.getSchema('http://json-schema.org/draft-07/schema') as ValidateFunction;
  for (const schema of [{ type: 'objectx' }, { type: 'object', properties: { a: { minimum: 'x' } } }, { required: 'a' }, { items: [{ type: 3 }] }, { type: 'object' }, ...pluginSchemas.map(([, s]) => s)]) {
    agree(precompiled!, compiled, schema);
  }
});

it('the built core validates workspace options without Ajv, and compiles any other schema as before', () => {
  const script = `
    const { validateAgainst } = require(${JSON.stringify(path.join(dist, 'spec', 'validate-json.js'))});
    const loaded = () => Object.keys(require.cache).some((f) => f.endsWith('/ajv/dist/ajv.js'));
    const options = {};
    const known = validateAgainst(${JSON.stringify(pluginSchemas.find(([name]) => name === 'features compare-lld')![1])}, options, 'options');
    const before = loaded();
    const other = validateAgainst({ type: 'object', properties: { n: { type: 'number', default: 2 } }, additionalProperties: false }, { m: 1 }, 'options');
    let invalid; try { validateAgainst({ type: 'objectx' }, {}); } catch (error) { invalid = error.message; }
    console.log(JSON.stringify({ known, filled: Object.keys(options).length > 0, before, other, after: loaded(), invalid }));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({
    known: [],
    filled: true,
    before: false,
    other: ['options.m: unknown field (got 1)'],
    after: true,
    invalid: expect.stringMatching(/^schema is invalid: data\/type must be equal to one of the allowed values/),
  });
});
