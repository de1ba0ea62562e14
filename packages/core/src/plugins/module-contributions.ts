import type { ContainerModule } from 'inversify';
import { CONTRIBUTION_KINDS, type Contribution, type ContributionKind, type Manifest } from '../extension-points/contribution';
import { createContainer, registryOf } from '../registry/container';

/** The contributions a plugin module binds, by loading it into a container of its own. */
export function contributionsOfModule(module: ContainerModule): Contribution[] {
  const registry = registryOf(createContainer([module]));
  return CONTRIBUTION_KINDS.flatMap((kind) => registry.list(kind));
}

/** The `contributes` field of package.json that declares these contributions (manifests without `kind`, by kind). */
export function staticManifestOf(contributions: readonly Contribution[]): Partial<Record<ContributionKind, Omit<Manifest, 'kind'>[]>> {
  const out: Partial<Record<ContributionKind, Omit<Manifest, 'kind'>[]>> = {};
  for (const { manifest } of contributions) {
    const { kind, ...rest } = manifest;
    (out[kind] ??= []).push(JSON.parse(JSON.stringify(rest)));
  }
  return out;
}
