import type { RunContext } from '../runtime/context';

/** The kinds of contribution point the core offers. */
export type ContributionKind = 'corpus' | 'features' | 'transfer' | 'regressor' | 'metric';

export const CONTRIBUTION_KINDS: readonly ContributionKind[] = ['corpus', 'features', 'transfer', 'regressor', 'metric'];

/** A JSON Schema object (draft 2020-12 subset understood by ajv). */
export type JsonSchema = Record<string, unknown>;

/**
 * What every contribution declares about itself, whatever its kind. `options` is a JSON Schema of type
 * object whose properties carry `default`s; the core validates a spec's options against it and fills the
 * defaults before the contribution sees them. The same fields appear in the plugin's package.json
 * (`contributes`), which is what `emotrans list` and `validate` read without running plugin code.
 */
export interface ManifestBase {
  /** Unique within its kind, e.g. `dae`. Lower-case, digits and dashes. */
  readonly id: string;
  /** One line shown by `emotrans list`. */
  readonly description: string;
  readonly options: JsonSchema;
  /** Bumped when the output changes for the same input; part of cache keys and of a run's provenance. */
  readonly version?: string;
  /** Short name for tables and figures (e.g. `RMSE`); the id when absent. */
  readonly label?: string;
  /**
   * Used when a spec leaves its field out (`features`, `regressor`, `transfer`, `metrics`). For the list
   * fields (`transfer`, `metrics`) every default contribution is used, a number giving its place (lower first).
   */
  readonly default?: boolean | number;
}

export interface CorpusManifest extends ManifestBase {
  readonly kind: 'corpus';
}

export interface FeatureSetManifest extends ManifestBase {
  readonly kind: 'features';
}

export interface TransferManifest extends ManifestBase {
  readonly kind: 'transfer';
  /**
   * The method leaves features unchanged: the core runs its spec entries as direct transfer (no `fit`)
   * and names their condition `cross` (or `cross+<label>` when the entry has a label).
   */
  readonly identity?: boolean;
}

export interface RegressorManifest extends ManifestBase {
  readonly kind: 'regressor';
}

export interface MetricManifest extends ManifestBase {
  readonly kind: 'metric';
  /** True for r and CCC, false for RMSE: decides best-of-k and the colour direction of figures. */
  readonly higherIsBetter: boolean;
}

/** The manifest of a contribution of kind K. */
export interface ManifestOfKind {
  corpus: CorpusManifest;
  features: FeatureSetManifest;
  transfer: TransferManifest;
  regressor: RegressorManifest;
  metric: MetricManifest;
}

/** Any contribution's manifest, discriminated by `kind`. */
export type Manifest = ManifestOfKind[ContributionKind];

/**
 * Base of every contribution: a manifest plus the behaviour of its kind (each kind's interface adds its
 * methods, which receive the options validated against `manifest.options`).
 */
export interface Contribution {
  readonly manifest: Manifest;
}

/** The label of a contribution for tables and figures: its manifest's `label`, else its id. */
export function displayLabel(manifest: Pick<ManifestBase, 'id' | 'label'>): string {
  return manifest.label ?? manifest.id;
}

export type { RunContext };
