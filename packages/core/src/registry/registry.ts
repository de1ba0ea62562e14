import type { interfaces } from 'inversify';
import { CONTRIBUTION_KINDS, type Contribution, type ContributionKind, type Manifest, type ManifestOfKind } from '../extension-points/contribution';
import type { Corpus } from '../extension-points/corpus';
import type { FeatureSet } from '../extension-points/feature-set';
import type { Metric } from '../extension-points/metric';
import type { Regressor } from '../extension-points/regressor';
import type { TransferMethod } from '../extension-points/transfer-method';
import { requirePluginModule } from '../plugins/load';
import type { PluginSource } from '../plugins/plugin-source';
import { manifestDifferences } from '../plugins/static-manifest';
import { BadInputError } from '../runtime/errors';
import { SERVICE_ID } from './service-ids';

/** The contribution type of each kind. */
export interface ContributionOfKind {
  corpus: Corpus;
  features: FeatureSet;
  transfer: TransferMethod;
  regressor: Regressor;
  metric: Metric;
}

/** Service identifier of the registry itself. */
export const ContributionRegistryId = Symbol.for('emotrans.ContributionRegistry');

/** A manifest with where it comes from, for `emotrans list` and provenance. */
export interface ManifestEntry<K extends ContributionKind = ContributionKind> {
  readonly manifest: ManifestOfKind[K];
  /** The plugin that provides it; undefined for a contribution bound in this process (a notebook cell, a test). */
  readonly plugin?: PluginSource;
  /** True once its code is loaded. */
  readonly loaded: boolean;
}

/**
 * All contributions of a session, looked up by kind and id (Theia's ContributionProvider idea). Plugins
 * with a static manifest (package.json `contributes`) are known by their manifests only, and their code
 * is required the first time one of their contributions is used (`get`); `manifests` never runs plugin
 * code. Contributions bound straight into the container (`container.load(contribute(x))`) are seen too.
 */
export class ContributionRegistry {
  private readonly loadedPlugins = new Set<PluginSource>();
  /** Which plugin each loaded contribution object came from. */
  private readonly origins = new Map<Contribution, PluginSource>();

  constructor(
    private readonly container: interfaces.Container,
    private readonly sources: PluginSource[] = [],
  ) {}

  /** The plugins of the session (loaded or not). */
  plugins(): readonly PluginSource[] {
    return this.sources;
  }

  /** Adds plugins (their code is loaded now when they declare no static manifest). */
  addPlugins(sources: readonly PluginSource[]): void {
    for (const source of sources) {
      if (this.sources.some((s) => s.location === source.location)) continue;
      this.sources.push(source);
      if (!source.contributes && !source.problem) this.loadPlugin(source);
    }
  }

  /** Requires a plugin's code and binds its contributions, checking them against its static manifest. */
  loadPlugin(source: PluginSource): void {
    if (this.loadedPlugins.has(source)) return;
    if (source.problem) throw new BadInputError(`plugin ${source.name} cannot be loaded: ${source.problem}`);
    const before = new Set(this.bound());
    const { module } = requirePluginModule(source.location);
    this.container.load(module);
    this.loadedPlugins.add(source);
    const added = this.bound().filter((c) => !before.has(c));
    for (const c of added) this.origins.set(c, source);
    if (source.contributes) checkAgainstDeclared(source, added);
  }

  /** Whether the contribution's code is loaded in this process and where from (undefined: bound in-process). */
  originOf(contribution: Contribution): PluginSource | undefined {
    return this.origins.get(contribution);
  }

  /** Every manifest of a kind, sorted by id, with its plugin; reads static manifests, runs no plugin code. */
  entries<K extends ContributionKind>(kind: K): ManifestEntry<K>[] {
    return this.entriesInAnyOrder(kind).sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  }

  /**
   * `entries` unsorted, for lookups by id: the first localeCompare of a process sets up ICU's collator,
   * milliseconds a command's start-up (`get`) need not spend.
   */
  private entriesInAnyOrder<K extends ContributionKind>(kind: K): ManifestEntry<K>[] {
    const out: ManifestEntry<K>[] = this.boundOf(kind).map((c) => ({ manifest: c.manifest as ManifestOfKind[K], plugin: this.origins.get(c), loaded: true }));
    for (const source of this.sources) {
      if (this.loadedPlugins.has(source) || !source.contributes) continue;
      for (const manifest of source.contributes) {
        if (manifest.kind === kind) out.push({ manifest: manifest as ManifestOfKind[K], plugin: source, loaded: false });
      }
    }
    const seen = new Map<string, ManifestEntry<K>>();
    for (const entry of out) {
      const other = seen.get(entry.manifest.id);
      if (other) {
        const where = (e: ManifestEntry) => e.plugin?.name ?? 'this process';
        throw new BadInputError(`two plugins contribute a ${kind} with id '${entry.manifest.id}' (${where(other)} and ${where(entry)})`);
      }
      seen.set(entry.manifest.id, entry);
    }
    return out;
  }

  /** The manifests of a kind, sorted by id (what validation reads; no plugin code runs). */
  manifests<K extends ContributionKind>(kind: K): ManifestOfKind[K][] {
    return this.entries(kind).map((e) => e.manifest);
  }

  /** The plugin that provides the contribution of a kind with this id, without loading it (undefined: none, or bound in-process). */
  pluginOf(kind: ContributionKind, id: string): PluginSource | undefined {
    return this.entriesInAnyOrder(kind).find((e) => e.manifest.id === id)?.plugin;
  }

  has(kind: ContributionKind, id: string): boolean {
    return this.entriesInAnyOrder(kind).some((e) => e.manifest.id === id);
  }

  /** The contribution of a kind with this id, loading its plugin's code if needed; unknown ids fail with the known ones. */
  get<K extends ContributionKind>(kind: K, id: string): ContributionOfKind[K] {
    const entry = this.entriesInAnyOrder(kind).find((e) => e.manifest.id === id);
    if (!entry) {
      const known = this.entries(kind).map((e) => `'${e.manifest.id}'`).join(', ') || 'none (no plugin contributes one)';
      throw new BadInputError(`unknown ${kind} '${id}'; known ${kind} ids: ${known}`);
    }
    if (!entry.loaded) this.loadPlugin(entry.plugin!);
    const match = this.boundOf(kind).find((c) => c.manifest.id === id);
    if (!match) throw new BadInputError(`plugin ${entry.plugin?.name} declares ${kind} '${id}' but its code does not contribute it`, entry.plugin?.packageJson);
    return match;
  }

  /** Every contribution of a kind, loading the plugins that declare one. */
  list<K extends ContributionKind>(kind: K): ContributionOfKind[K][] {
    return this.entries(kind).map((e) => this.get(kind, e.manifest.id));
  }

  /** Every kind with its contributions (loads every plugin); `emotrans list` uses `entries` instead. */
  catalogue(): Record<ContributionKind, Contribution[]> {
    const out = {} as Record<ContributionKind, Contribution[]>;
    for (const kind of CONTRIBUTION_KINDS) out[kind] = this.list(kind);
    return out;
  }

  private boundOf<K extends ContributionKind>(kind: K): ContributionOfKind[K][] {
    const id = SERVICE_ID[kind];
    const found = this.container.isBound(id) ? this.container.getAll<ContributionOfKind[K]>(id) : [];
    for (const contribution of found) checkManifest(contribution, kind);
    return found;
  }

  private bound(): Contribution[] {
    return CONTRIBUTION_KINDS.flatMap((kind) => this.boundOf(kind));
  }
}

function checkManifest(contribution: Contribution, kind: ContributionKind): void {
  const manifest = contribution?.manifest;
  if (!manifest || typeof manifest.id !== 'string' || manifest.kind !== kind) {
    throw new BadInputError(
      `a plugin bound an object without a valid manifest to the ${kind} contribution point ` +
        `(manifest: ${JSON.stringify(manifest)})`,
    );
  }
  // Without it best-of-k would silently pick the worst repetitions of a higher-is-better metric.
  if (manifest.kind === 'metric' && typeof manifest.higherIsBetter !== 'boolean') {
    throw new BadInputError(`metric '${manifest.id}' does not declare manifest.higherIsBetter (true for r or CCC, false for RMSE)`);
  }
}

/** The code must contribute exactly what package.json declares, with the same manifests. */
function checkAgainstDeclared(source: PluginSource, added: readonly Contribution[]): void {
  const problems: string[] = [];
  const key = (m: Manifest) => `${m.kind} '${m.id}'`;
  for (const declared of source.contributes!) {
    const actual = added.find((c) => c.manifest.kind === declared.kind && c.manifest.id === declared.id);
    if (!actual) problems.push(`declares ${key(declared)}, which its code does not contribute`);
    else {
      const differences = manifestDifferences(declared, actual.manifest);
      if (differences.length) problems.push(`${key(declared)}: the manifest in package.json differs from the code's in ${differences.join('; ')}`);
    }
  }
  for (const c of added) {
    if (!source.contributes!.some((d) => d.kind === c.manifest.kind && d.id === c.manifest.id)) {
      problems.push(`its code contributes ${key(c.manifest)}, which package.json does not declare under "contributes"`);
    }
  }
  if (problems.length) {
    const hint = 'update "contributes" in package.json to what the code exports (workspace plugins: node scripts/write-plugin-manifests.js)';
    throw new BadInputError(`plugin ${source.name}:\n  ${problems.join('\n  ')}\n  ${hint}`, source.packageJson);
  }
}
