import path from 'node:path';
import type { ContributionKind } from '../extension-points/contribution';
import type { ContributionRegistry } from '../registry/registry';
import { BadInputError } from '../runtime/errors';
import { readTextInput } from '../runtime/read-text-input';
import type { ContributionRef, ExperimentSpec } from './experiment-spec';
import { EXPERIMENT_SCHEMA } from './schema';
import { validateAgainst } from './validate-json';

/** Parses JSON text, naming the file and the line of a syntax error. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (position) {
      const line = text.slice(0, Number(position[1])).split('\n').length;
      throw new BadInputError(`line ${line}: invalid JSON (${message})`, file);
    }
    throw new BadInputError(`invalid JSON (${message})`, file);
  }
}

/**
 * Checks the shape of a spec against the schema and fills the defaults. Throws BadInputError listing every
 * problem (field, bad value, expectation).
 */
export function validateSpecShape(raw: unknown, file = 'spec'): ExperimentSpec {
  const data = structuredClone(raw);
  const problems = validateAgainst(EXPERIMENT_SCHEMA, data);
  if (problems.length) throw new BadInputError(`invalid experiment spec:\n  ${problems.join('\n  ')}`, file);
  const spec = data as ExperimentSpec;
  const domains = Object.keys(spec.corpora);
  spec.protocol.targets ??= domains;
  const unknownTargets = spec.protocol.targets.filter((t) => !domains.includes(t));
  if (unknownTargets.length) {
    throw new BadInputError(
      `invalid experiment spec:\n  protocol.targets: got ${JSON.stringify(unknownTargets)}, expected domains among the corpora: ${domains.join(', ')}`,
      file,
    );
  }
  const unknownPools = Object.keys(spec.unlabelled ?? {}).filter((d) => !domains.includes(d));
  if (unknownPools.length) {
    throw new BadInputError(
      `invalid experiment spec:\n  unlabelled: got domains ${JSON.stringify(unknownPools)}, expected domains among the corpora: ${domains.join(', ')}`,
      file,
    );
  }
  if (spec.protocol.conditions.includes('cross') && domains.length < 2) {
    throw new BadInputError('invalid experiment spec:\n  protocol.conditions: "cross" needs corpora of at least two domains', file);
  }
  return spec;
}

/** Reads and shape-checks a spec file; plugin paths in it are made absolute (relative to the file). */
export function readSpecFile(file: string): ExperimentSpec {
  const text = readTextInput(file, 'spec');
  const spec = validateSpecShape(parseJsonFile(text, file), file);
  const base = path.dirname(path.resolve(file));
  spec.plugins = spec.plugins.map((p) => (p.startsWith('.') ? path.resolve(base, p) : p));
  return spec;
}

/** Every contribution reference of a spec with its kind and field name. */
export function contributionRefs(spec: ExperimentSpec): { kind: ContributionKind; field: string; ref: ContributionRef }[] {
  return [
    ...Object.entries(spec.corpora).map(([domain, ref]) => ({ kind: 'corpus' as const, field: `corpora.${domain}`, ref })),
    ...Object.entries(spec.unlabelled ?? {}).map(([domain, ref]) => ({ kind: 'corpus' as const, field: `unlabelled.${domain}`, ref })),
    { kind: 'features', field: 'features', ref: spec.features },
    ...spec.transfer.map((ref, i) => ({ kind: 'transfer' as const, field: `transfer[${i}]`, ref })),
    { kind: 'regressor', field: 'regressor', ref: spec.regressor },
    ...spec.metrics.map((id, i) => ({ kind: 'metric' as const, field: `metrics[${i}]`, ref: { id, options: {} } })),
  ];
}

/**
 * Checks every id against the registry and every options object against its contribution's schema,
 * filling option defaults in place. Throws BadInputError listing all problems.
 */
export function validateSpecContributions(spec: ExperimentSpec, registry: ContributionRegistry, file = 'spec'): void {
  const problems: string[] = [];
  for (const { kind, field, ref } of contributionRefs(spec)) {
    if (!registry.has(kind, ref.id)) {
      const known = registry.list(kind).map((c) => c.manifest.id);
      problems.push(`${field}${kind === 'metric' ? '' : '.id'}: unknown ${kind} '${ref.id}', expected one of ${known.join(', ') || '(none registered)'}`);
      continue;
    }
    if (kind === 'metric') continue;
    const manifest = registry.get(kind, ref.id).manifest;
    problems.push(...validateAgainst(manifest.options, ref.options, `${field}.options`));
  }
  if (problems.length) throw new BadInputError(`invalid experiment spec:\n  ${problems.join('\n  ')}`, file);
}
