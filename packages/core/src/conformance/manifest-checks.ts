import { CONTRIBUTION_KINDS, type Contribution } from '../extension-points/contribution';
import { validateAgainst } from '../spec/validate-json';
import type { CheckRecorder } from './findings';

/** The methods each kind must have. */
const REQUIRED_METHODS: Record<string, readonly string[]> = {
  corpus: ['load'],
  features: ['describe', 'extract'],
  transfer: ['fit'],
  regressor: ['fit'],
  metric: ['score'],
};

/**
 * Manifest and shape: a valid id and kind, a description, an options schema that compiles, whose
 * defaults fill an empty options object (or the `options` given) and which rejects an unknown option;
 * the kind's required methods present; a metric's `higherIsBetter`. Returns the options to run with
 * (defaults filled), or undefined when they cannot be made.
 */
export async function checkManifest(
  contribution: Contribution,
  record: CheckRecorder,
  given: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | undefined> {
  const manifest = contribution?.manifest as unknown as Record<string, unknown> | undefined;
  await record.run('manifest', () => {
    if (!manifest) return record.fail('manifest', 'no manifest');
    if (typeof manifest.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(manifest.id)) record.fail('manifest', `id ${JSON.stringify(manifest.id)} is not lower-case letters, digits and dashes`);
    if (!CONTRIBUTION_KINDS.includes(manifest.kind as never)) record.fail('manifest', `kind ${JSON.stringify(manifest.kind)} is not one of ${CONTRIBUTION_KINDS.join(', ')}`);
    if (typeof manifest.description !== 'string' || !manifest.description.trim()) record.fail('manifest', 'description is missing or empty');
    if (manifest.version !== undefined && typeof manifest.version !== 'string') record.fail('manifest', `version ${JSON.stringify(manifest.version)} is not a string`);
  });
  const kind = String(manifest?.kind);
  await record.run('required methods', () => {
    for (const method of REQUIRED_METHODS[kind] ?? []) {
      const value = (contribution as unknown as Record<string, unknown>)[method];
      if (typeof value !== 'function') record.fail('required methods', `${method} is ${value === undefined ? 'missing' : `a ${typeof value}, not a function`}`);
    }
  });
  if (kind === 'metric') {
    await record.run('higherIsBetter declared', () => {
      if (typeof manifest?.higherIsBetter !== 'boolean') {
        record.fail('higherIsBetter declared', `manifest.higherIsBetter is ${JSON.stringify(manifest?.higherIsBetter)}; best-of-k and figures need to know whether higher scores are better`);
      }
    });
  }
  const schema = manifest?.options as Record<string, unknown> | undefined;
  let options: Record<string, unknown> | undefined;
  await record.run('options schema', () => {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return record.fail('options schema', 'manifest.options is not a JSON Schema object');
    if (schema.type !== 'object') record.fail('options schema', `options.type is ${JSON.stringify(schema.type)}, expected "object"`);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { default: Ajv } = require('ajv') as typeof import('ajv');
      new Ajv({ strict: false, formats: { path: true } }).compile(schema);
    } catch (error) {
      record.fail('options schema', `does not compile: ${(error as Error).message}`);
    }
  });
  if (!schema || typeof schema !== 'object') return undefined;
  await record.run('defaults fill', () => {
    const filled = structuredClone(given ?? {});
    const problems = validateAgainst(schema, filled, 'options');
    const required = (schema.required as string[] | undefined) ?? [];
    const onlyRequiredMissing = problems.every((p) => required.some((r) => p === `options.${r}: missing; it is required`));
    if (problems.length && !given && onlyRequiredMissing) {
      // A data folder cannot have a default: the behaviour checks need the caller's options.
      record.skip('behaviour', `needs options for ${required.join(', ')} (pass them to check with)`);
      return;
    }
    if (problems.length) {
      if (given) record.fail('defaults fill', `the options given are invalid: ${problems.join('; ')}`);
      else record.fail('defaults fill', `an empty options object is invalid (${problems.join('; ')}); give every property a default, or pass the options to check with`);
      return;
    }
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const undefaulted = Object.keys(properties).filter((p) => !('default' in properties[p]) && !required.includes(p) && !(p in filled));
    // Optional properties without a default are allowed (absent means "not used"); said so, not failed.
    if (undefaulted.length) record.skip('defaults fill', `optional without a default: ${undefaulted.join(', ')}`);
    options = filled;
  });
  await record.run('unknown options rejected', () => {
    const problems = validateAgainst(schema, { ...(options ?? given ?? {}), notAnOptionOfThisContribution: 1 }, 'options');
    if (!problems.some((p) => p.includes('notAnOptionOfThisContribution'))) {
      record.fail('unknown options rejected', 'an unknown option (notAnOptionOfThisContribution) passed validation; set "additionalProperties": false so typos in a spec are caught');
    }
  });
  return options;
}
