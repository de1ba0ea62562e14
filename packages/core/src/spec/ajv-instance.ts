/**
 * The Ajv the core validates JSON with, and the validators compiled to code for it at build time
 * (scripts/build-validators.js writes dist/spec/precompiled/): compiling a schema, the JSON Schema
 * meta-schema Ajv checks each new schema against first, and requiring Ajv at all are a good part of a
 * command's start-up. A precompiled validator is found by a hash of its schema's JSON, the ajv version
 * and the options, so it is only ever used for an equal schema under the same Ajv; any other schema
 * (a third-party plugin's, one edited since the build) is compiled by Ajv as before.
 * Internal: not exported from the package.
 */
import { createHash } from 'node:crypto';
import type Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';

/** The options of the core's Ajv; the precompiled validators are made with the same. */
export const AJV_OPTIONS: Readonly<Options> = { allErrors: true, useDefaults: true, strict: false };

/** The folder of the precompiled validators, beside this module once built. */
export const PRECOMPILED_DIR = 'precompiled';

/** An Ajv with the core's options and formats (`extra` for the build script's `code.source`). */
export function configuredAjv(extra: Options = {}): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({ ...AJV_OPTIONS, ...extra });
  // `format: "path"` marks options resolved relative to the spec file (spec-paths.ts); any string is valid.
  ajv.addFormat('path', true);
  return ajv;
}

let ajvVersion: string | undefined;

/** The file name (without .js) of the precompiled validator of the schema with this JSON. */
export function precompiledName(schemaJson: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajvVersion ??= (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256').update(`${ajvVersion}\u0000${JSON.stringify(AJV_OPTIONS)}\u0000${schemaJson}`).digest('hex').slice(0, 32);
}

/** The precompiled validator of the schema with this JSON, or undefined when none was built for it. */
export function precompiledValidator(schemaJson: string): ValidateFunction | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`./${PRECOMPILED_DIR}/${precompiledName(schemaJson)}.js`) as { default: ValidateFunction }).default;
  } catch {
    return undefined; // not built for it (ts-jest runs src; `npx tsc -b` alone does not write them)
  }
}
