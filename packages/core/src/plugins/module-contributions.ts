import type { ContainerModule } from 'inversify';
import { CONTRIBUTION_KINDS, type Contribution, type ContributionKind, type Manifest } from '../extension-points/contribution';
import { createContainer } from '../registry/container';
import { SERVICE_ID } from '../registry/service-ids';

/**
 * The contributions a plugin module binds, by loading it into a container of its own, as they are: not
 * checked by the registry, so the conformance kit can report what is wrong with each.
 */
export function contributionsOfModule(module: ContainerModule): Contribution[] {
  const container = createContainer([module]);
  return CONTRIBUTION_KINDS.flatMap((kind) => (container.isBound(SERVICE_ID[kind]) ? container.getAll<Contribution>(SERVICE_ID[kind]) : []));
}

/** The `contributes` field of package.json that declares these contributions (manifests without `kind`, by kind). */
export function staticManifestOf(contributions: readonly Contribution[]): Partial<Record<ContributionKind, Omit<Manifest, 'kind'>[]>> {
  const out: Partial<Record<ContributionKind, Omit<Manifest, 'kind'>[]>> = {};
  // By kind, then id, as the registry lists them, so the file does not change with binding order.
  const rank = (c: Contribution) => CONTRIBUTION_KINDS.indexOf(c.manifest.kind);
  for (const { manifest } of [...contributions].sort((x, y) => rank(x) - rank(y) || x.manifest.id.localeCompare(y.manifest.id))) {
    const { kind, ...rest } = manifest;
    (out[kind] ??= []).push(JSON.parse(JSON.stringify(rest)));
  }
  return out;
}
