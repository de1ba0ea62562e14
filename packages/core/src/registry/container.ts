import 'reflect-metadata';
import { Container, ContainerModule } from 'inversify';
import type { AnyContribution } from '../extension-points/any-contribution';
import { SERVICE_ID } from './service-ids';
import { ContributionRegistry, ContributionRegistryId } from './registry';

/** A container holding the registry; plugins are added as ContainerModules. */
export function createContainer(modules: readonly ContainerModule[] = []): Container {
  const container = new Container({ skipBaseClassChecks: true });
  container.bind(ContributionRegistryId).toDynamicValue((ctx) => new ContributionRegistry(ctx.container)).inSingletonScope();
  container.load(...modules);
  return container;
}

export function registryOf(container: Container): ContributionRegistry {
  return container.get<ContributionRegistry>(ContributionRegistryId);
}

/**
 * A ContainerModule that binds each contribution to the service identifier of its manifest's kind —
 * the usual way for a plugin to contribute: `export const containerModule = contribute(myTransfer)`.
 */
export function contribute(...contributions: AnyContribution[]): ContainerModule {
  return new ContainerModule((bind) => {
    for (const contribution of contributions) {
      const kind = contribution.manifest.kind;
      const serviceId = SERVICE_ID[kind];
      if (!serviceId) throw new Error(`contribution '${contribution.manifest.id}' has unknown kind '${kind}'`);
      bind(serviceId).toConstantValue(contribution);
    }
  });
}
