import type { interfaces } from 'inversify';
import { CONTRIBUTION_KINDS, type Contribution, type ContributionKind, type ManifestOfKind } from '../extension-points/contribution';
import type { Corpus } from '../extension-points/corpus';
import type { FeatureSet } from '../extension-points/feature-set';
import type { Metric } from '../extension-points/metric';
import type { Regressor } from '../extension-points/regressor';
import type { TransferMethod } from '../extension-points/transfer-method';
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

/**
 * All contributions bound in a container, looked up by kind and id (Theia's ContributionProvider idea).
 * Contributions are collected lazily, so modules loaded after the registry was made are seen too.
 */
export class ContributionRegistry {
  constructor(private readonly container: interfaces.Container) {}

  /** Every contribution of a kind, sorted by id. Duplicate ids are an error. */
  list<K extends ContributionKind>(kind: K): ContributionOfKind[K][] {
    const id = SERVICE_ID[kind];
    const found = this.container.isBound(id) ? this.container.getAll<ContributionOfKind[K]>(id) : [];
    const seen = new Set<string>();
    for (const contribution of found) {
      checkManifest(contribution, kind);
      if (seen.has(contribution.manifest.id)) {
        throw new BadInputError(`two plugins contribute a ${kind} with id '${contribution.manifest.id}'`);
      }
      seen.add(contribution.manifest.id);
    }
    return found.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  }

  /** The manifests of a kind, sorted by id (what validation reads). */
  manifests<K extends ContributionKind>(kind: K): ManifestOfKind[K][] {
    return this.list(kind).map((c) => c.manifest as ManifestOfKind[K]);
  }

  has(kind: ContributionKind, id: string): boolean {
    return this.list(kind).some((c) => c.manifest.id === id);
  }

  /** The contribution of a kind with this id; unknown ids fail with the list of known ones. */
  get<K extends ContributionKind>(kind: K, id: string): ContributionOfKind[K] {
    const all = this.list(kind);
    const match = all.find((c) => c.manifest.id === id);
    if (!match) {
      const known = all.map((c) => `'${c.manifest.id}'`).join(', ') || 'none (no plugin contributes one)';
      throw new BadInputError(`unknown ${kind} '${id}'; known ${kind} ids: ${known}`);
    }
    return match;
  }

  /** Every kind with its contributions, for `emotrans list`. */
  catalogue(): Record<ContributionKind, Contribution[]> {
    const out = {} as Record<ContributionKind, Contribution[]>;
    for (const kind of CONTRIBUTION_KINDS) out[kind] = this.list(kind);
    return out;
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
}
