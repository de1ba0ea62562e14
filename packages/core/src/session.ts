import type { Container } from 'inversify';
import { createContainer, registryOf } from './registry/container';
import type { ContributionRegistry } from './registry/registry';
import { loadPlugins, type LoadedPlugin } from './plugins/load';

/** A container with every discovered plugin loaded, plus extra ones; what the CLI and notebooks start from. */
export interface Session {
  readonly container: Container;
  readonly registry: ContributionRegistry;
  readonly plugins: readonly LoadedPlugin[];
}

export function createSession(options: { plugins?: readonly string[]; baseDir?: string } = {}): Session {
  const plugins = loadPlugins(options.plugins ?? [], options.baseDir);
  const container = createContainer(plugins.map((p) => p.module));
  return { container, registry: registryOf(container), plugins };
}
