import type { RunContext } from '../runtime/context';

/** The kinds of contribution point the core offers. */
export type ContributionKind = 'corpus' | 'features' | 'transfer' | 'regressor' | 'metric';

export const CONTRIBUTION_KINDS: readonly ContributionKind[] = ['corpus', 'features', 'transfer', 'regressor', 'metric'];

/** A JSON Schema object (draft 2020-12 subset understood by ajv). */
export type JsonSchema = Record<string, unknown>;

/**
 * What every contribution declares about itself. `options` is a JSON Schema of type object whose
 * properties carry `default`s; the core validates a spec's options against it and fills the defaults
 * before the contribution sees them.
 */
export interface Manifest {
  /** Unique within its kind, e.g. `dae`. Lower-case, digits and dashes. */
  readonly id: string;
  readonly kind: ContributionKind;
  /** One line shown by `emotrans list`. */
  readonly description: string;
  readonly options: JsonSchema;
  /** Bumped when the output changes for the same input; part of cache keys. */
  readonly version?: string;
}

/**
 * Base of every contribution: a manifest plus the behaviour of its kind (each kind's interface adds its
 * methods, which receive the options validated against `manifest.options`).
 */
export interface Contribution {
  readonly manifest: Manifest;
}

export type { RunContext };
