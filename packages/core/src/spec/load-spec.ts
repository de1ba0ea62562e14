import type { ContributionKind, ManifestOfKind, TransferManifest } from '../extension-points/contribution';
import { BadInputError, RunFailure, describeThrown } from '../runtime/errors';
import { readTextInput } from '../runtime/read-text-input';
import type { ContributionRef, ExperimentSpec, TransferRef } from './experiment-spec';
import { resolvePathOptions, resolveSpecPath } from './spec-paths';
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

/** Reads and shape-checks a spec file; relative paths in it (plugins, path options) are made absolute later, relative to the file. */
export function readSpecFile(file: string): ExperimentSpec {
  const text = readTextInput(file, 'spec');
  const spec = validateSpecShape(parseJsonFile(text, file), file);
  spec.plugins = spec.plugins.map((p) => resolveSpecPath(p, file, { packageNames: true }));
  return spec;
}

/** Every contribution reference of a spec with its kind and field name (fields still missing are skipped). */
export function contributionRefs(spec: ExperimentSpec): { kind: ContributionKind; field: string; ref: ContributionRef }[] {
  return [
    ...Object.entries(spec.corpora).map(([domain, ref]) => ({ kind: 'corpus' as const, field: `corpora.${domain}`, ref })),
    ...Object.entries(spec.unlabelled ?? {}).map(([domain, ref]) => ({ kind: 'corpus' as const, field: `unlabelled.${domain}`, ref })),
    ...(spec.features ? [{ kind: 'features' as const, field: 'features', ref: spec.features }] : []),
    ...(spec.transfer ?? []).map((ref, i) => ({ kind: 'transfer' as const, field: `transfer[${i}]`, ref })),
    ...(spec.regressor ? [{ kind: 'regressor' as const, field: 'regressor', ref: spec.regressor }] : []),
    ...(spec.metrics ?? []).map((id, i) => ({ kind: 'metric' as const, field: `metrics[${i}]`, ref: { id, options: {} } })),
  ];
}

/** What validation needs of the registry: manifests only, so specs are checked without running plugin code. */
export interface ManifestSource {
  manifests<K extends ContributionKind>(kind: K): readonly ManifestOfKind[K][];
}

/** The manifests of a kind that say `default`, in their order (number first, then id). */
function defaultsOf<K extends ContributionKind>(registry: ManifestSource, kind: K): ManifestOfKind[K][] {
  const rank = (m: ManifestOfKind[K]) => (typeof m.default === 'number' ? m.default : 0);
  return registry
    .manifests(kind)
    .filter((m) => m.default !== undefined && m.default !== false)
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

/** Fills the fields a spec left out from the manifests that say `default`; problems for those that cannot be filled. */
function fillDefaults(spec: ExperimentSpec, registry: ManifestSource): string[] {
  const problems: string[] = [];
  const single = (field: 'features' | 'regressor', kind: 'features' | 'regressor') => {
    if (spec[field]) return;
    const found = defaultsOf(registry, kind);
    if (found.length === 1) spec[field] = { id: found[0].id, options: {} };
    else if (found.length === 0) problems.push(`${field}: missing, and no installed ${kind} contribution is marked default; name one`);
    else problems.push(`${field}: missing, and several ${kind} contributions are marked default (${found.map((m) => m.id).join(', ')}); name one`);
  };
  single('features', 'features');
  single('regressor', 'regressor');
  if (!spec.transfer && spec.protocol.conditions.includes('cross')) {
    spec.transfer = defaultsOf(registry, 'transfer').map((m) => ({ id: m.id, options: {} }));
    if (spec.transfer.length === 0) problems.push('transfer: missing, and no installed transfer method is marked default; name one');
  }
  spec.transfer ??= [];
  if (!spec.metrics) {
    spec.metrics = defaultsOf(registry, 'metric').map((m) => m.id);
    if (spec.metrics.length === 0) problems.push('metrics: missing, and no installed metric is marked default; name one');
  }
  return problems;
}

/** The condition of a transfer entry: `cross+<label>`, else `cross` for direct transfer, else `cross+<id>`. */
export function transferCondition(ref: Pick<TransferRef, 'id' | 'label'>, manifest?: TransferManifest): string {
  if (ref.label) return `cross+${ref.label}`;
  return manifest?.identity ? 'cross' : `cross+${ref.id}`;
}

/** Two transfer entries that would be reported under one condition (their units and predictions would mix). */
function duplicateConditions(transfer: readonly TransferRef[]): string[] {
  const first = new Map<string, number>();
  const problems: string[] = [];
  transfer.forEach((ref, i) => {
    const condition = ref.condition ?? transferCondition(ref);
    const before = first.get(condition);
    if (before === undefined) first.set(condition, i);
    else {
      problems.push(
        `transfer[${before}] (${JSON.stringify(transfer[before].id)}) and transfer[${i}] (${JSON.stringify(ref.id)}) both give condition '${condition}'; ` +
          'give them distinct "label"s',
      );
    }
  });
  return problems;
}

/**
 * Checks every id against the registry's manifests and every options object against its contribution's
 * schema, filling option defaults in place (and fields the spec left out from manifests that say
 * `default`), resolving options declared `format: "path"` relative to `file`, and naming each transfer
 * entry's condition. Reads manifests only: no plugin code runs. Throws BadInputError listing all problems.
 */
export function validateSpecContributions(spec: ExperimentSpec, registry: ManifestSource, file = 'spec'): void {
  const problems: string[] = fillDefaults(spec, registry);
  for (const { kind, field, ref } of contributionRefs(spec)) {
    const all = registry.manifests(kind);
    const manifest = all.find((m) => m.id === ref.id);
    if (!manifest) {
      const known = all.map((m) => m.id);
      problems.push(`${field}${kind === 'metric' ? '' : '.id'}: unknown ${kind} '${ref.id}', expected one of ${known.join(', ') || '(none registered)'}`);
      continue;
    }
    if (kind === 'metric') continue;
    let optionProblems: string[];
    try {
      optionProblems = validateAgainst(manifest.options, ref.options, `${field}.options`);
    } catch (error) {
      // The plugin's own schema does not compile: its bug, not the spec's.
      throw new RunFailure(`${kind} '${ref.id}' declares an invalid options schema, so ${field}.options cannot be checked: ${describeThrown(error)} (fix the plugin that contributes it)`, error);
    }
    problems.push(...optionProblems);
    if (optionProblems.length === 0) resolvePathOptions(manifest.options, ref.options, file);
    if (kind === 'transfer') {
      const entry = ref as TransferRef;
      entry.condition = transferCondition(entry, manifest as TransferManifest);
      if ((manifest as TransferManifest).identity) entry.direct = true;
      else delete entry.direct;
    }
  }
  problems.push(...duplicateConditions(spec.transfer ?? []));
  if (problems.length) throw new BadInputError(`invalid experiment spec:\n  ${problems.join('\n  ')}`, file);
}
