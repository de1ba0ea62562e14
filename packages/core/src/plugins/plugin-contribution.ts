import type { ContributionKind } from '../extension-points/contribution';
import { createContainer, registryOf } from '../registry/container';
import type { ContributionOfKind } from '../registry/registry';
import { requirePluginModule } from './load';

/**
 * One contribution of a plugin already known to a session (found and checked there), loaded on its own:
 * only that plugin's code is required, without discovering or validating the other plugins. What a worker
 * thread uses to rebuild the contribution its parent runs: the same code, so the same results.
 */
export function pluginContribution<K extends ContributionKind>(location: string, kind: K, id: string): ContributionOfKind[K] {
  const { module } = requirePluginModule(location);
  return registryOf(createContainer([module])).get(kind, id);
}
