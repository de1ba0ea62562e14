import type { Container } from 'inversify';
import { createContainer, registryOf } from './registry/container';
import type { ContributionRegistry } from './registry/registry';
import { loadPlugins, type LoadedPlugin, type PluginFailure } from './plugins/load';

/** A container with every discovered plugin loaded, plus extra ones; what the CLI and notebooks start from. */
export interface Session {
  readonly container: Container;
  readonly registry: ContributionRegistry;
  readonly plugins: readonly LoadedPlugin[];
  /** Discovered plugins that failed to load (the CLI prints them as warnings). */
  readonly pluginFailures: readonly PluginFailure[];
}

export function createSession(options: { plugins?: readonly string[]; baseDir?: string } = {}): Session {
  const { loaded, failures } = loadPlugins(options.plugins ?? [], options.baseDir);
  const container = createContainer(loaded.map((p) => p.module));
  return { container, registry: registryOf(container), plugins: loaded, pluginFailures: failures };
}
