import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../extension-points/contribution';
import { configuredAjv, precompiledValidator } from './ajv-instance';

/** The meta-schema Ajv checks each new schema against (draft-07: the schemas declare no other `$schema`). */
const META_SCHEMA_ID = 'http://json-schema.org/draft-07/schema';

let shared: Ajv | undefined;

/**
 * The one Ajv instance, made on first use: requiring ajv is a good part of a command's start-up, and a
 * process that validates nothing (a worker thread, `emotrans --help`) or only with precompiled validators
 * should not pay for it. Ajv checks new schemas with the precompiled meta-schema validator when built,
 * instead of compiling the meta-schema first (the same code: made by this Ajv with these options).
 */
function ajv(): Ajv {
  if (shared) return shared;
  shared = configuredAjv();
  const env = shared.schemas[META_SCHEMA_ID];
  const meta = env && !env.validate ? precompiledValidator(JSON.stringify(env.schema)) : undefined;
  if (env && meta) env.validate = meta;
  return shared;
}

/** Validators by schema object: the precompiled one of an equal schema when built (see ajv-instance), else Ajv's. */
const validators = new WeakMap<object, ValidateFunction>();

function validatorOf(schema: JsonSchema): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = precompiledValidator(JSON.stringify(schema)) ?? ajv().compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** A JSON pointer such as `/protocol/cv/folds` as a dotted field name `protocol.cv.folds` (arrays as [i]). */
function fieldName(prefix: string, pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = prefix;
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One readable line per schema violation: field, bad value, what was expected. */
function explain(error: ErrorObject, data: unknown, prefix: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${fieldName(prefix, `${error.instancePath}/${params.missingProperty}`)}: missing; it is required`;
    case 'additionalProperties': {
      const field = fieldName(prefix, `${error.instancePath}/${params.additionalProperty}`);
      return `${field}: unknown field (got ${describe(valueAt(data, `${error.instancePath}/${params.additionalProperty}`))})`;
    }
    case 'enum':
      return `${fieldName(prefix, error.instancePath)}: got ${describe(valueAt(data, error.instancePath))}, expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return `${fieldName(prefix, error.instancePath)}: key ${describe(params.propertyName)} is not allowed (lower-case letters, digits and dashes)`;
    default:
      return `${fieldName(prefix, error.instancePath)}: got ${describe(valueAt(data, error.instancePath))}, expected a value that ${error.message}`;
  }
}

/**
 * Validates `data` in place (defaults are filled in) and returns readable problems, each starting with the
 * field name under `prefix` (e.g. `transfer[0].options`).
 */
export function validateAgainst(schema: JsonSchema, data: unknown, prefix = ''): string[] {
  const validate = validatorOf(schema);
  if (validate(data)) return [];
  const lines = (validate.errors ?? []).map((e) => explain(e, data, prefix));
  return [...new Set(lines)];
}
