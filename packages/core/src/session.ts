import type { Container } from 'inversify';
import { createContainer, registryOf } from './registry/container';
import type { ContributionRegistry } from './registry/registry';
import type { PluginFailure } from './plugins/load';
import { collectPluginSources, type PluginSource } from './plugins/plugin-source';
import { describeThrown } from './runtime/errors';

/** A container with every discovered plugin known, plus extra ones; what the CLI and notebooks start from. */
export interface Session {
  readonly container: Container;
  readonly registry: ContributionRegistry;
  /** The session's plugins; those with a static manifest are loaded only when one of their contributions is used. */
  readonly plugins: readonly PluginSource[];
  /** Discovered plugins that cannot be used (the CLI prints them as warnings). */
  readonly pluginFailures: readonly PluginFailure[];
}

export interface SessionOptions {
  /** Extra plugins: paths or npm package names, relative to `baseDir`. */
  readonly plugins?: readonly string[];
  readonly baseDir?: string;
  /** Also find workspace and installed plugins (default true). */
  readonly discover?: boolean;
}

export function createSession(options: SessionOptions = {}): Session {
  const { sources, failures, requested } = collectPluginSources(options.plugins ?? [], options);
  const container = createContainer();
  const registry = registryOf(container);
  // Plugins without a static manifest are loaded now to learn what they contribute.
  const usable: PluginSource[] = [];
  for (const source of sources) {
    if (source.contributes || source.problem) {
      usable.push(source);
      continue;
    }
    try {
      registry.addPlugins([source]);
    } catch (error) {
      if (requested.has(source.location)) throw error;
      failures.push({ location: source.location, message: describeThrown(error) });
    }
  }
  registry.addPlugins(usable);
  return { container, registry, plugins: registry.plugins(), pluginFailures: failures };
}
