import type { CommandModule } from 'yargs';
import type { GlobalOptions } from '../command-context';
import { openSession } from '../command-context';
import { CONTRIBUTION_KINDS } from '../../extension-points/contribution';
import type { ManifestEntry } from '../../registry/registry';
import type { PluginSource } from '../../plugins/plugin-source';
import { describeThrown } from '../../runtime/errors';

interface ListArgs extends GlobalOptions {
  json?: boolean;
  load?: boolean;
}

/** Describes one option of a contribution from its JSON Schema: `name: type = default — description`. */
function describeOption(name: string, schema: Record<string, unknown>): string {
  const type = schema.enum ? (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join('|') : String(schema.type ?? 'any');
  const fallback = 'default' in schema ? ` = ${JSON.stringify(schema.default)}` : '';
  const description = schema.description ? ` — ${schema.description}` : '';
  return `${name}: ${type}${fallback}${description}`;
}

/** `ok`, `not loaded` (manifest only, code not run) or `not loadable: <why>`. */
type Status = string;

export const listCommand: CommandModule<GlobalOptions, ListArgs> = {
  command: 'list',
  describe: "List every contribution by kind, with its options, from the plugins' manifests (no plugin code runs)",
  builder: (y) =>
    y
      .option('json', { type: 'boolean', describe: 'Print JSON instead of text' })
      .option('load', { type: 'boolean', describe: "Also load each plugin's code and report those that fail" }),
  handler: (args) => {
    const session = openSession(args);
    const failures = new Map<string, string>(session.pluginFailures.map((f) => [f.location, f.message]));
    if (args.load) {
      for (const plugin of session.plugins) {
        if (failures.has(plugin.location) || !plugin.contributes) continue;
        try {
          session.registry.loadPlugin(plugin);
        } catch (error) {
          failures.set(plugin.location, describeThrown(error));
        }
      }
    }
    const statusOf = (entry: ManifestEntry): Status => {
      const plugin = entry.plugin;
      const failure = plugin && (plugin.problem ?? failures.get(plugin.location));
      if (failure) return `not loadable: ${failure}`;
      return entry.loaded ? 'loaded' : 'not loaded';
    };
    const catalogue = Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, session.registry.entries(k)]));
    if (args.json) {
      const out = Object.fromEntries(
        CONTRIBUTION_KINDS.map((k) => [k, catalogue[k].map((e) => ({ ...e.manifest, plugin: e.plugin?.name, status: statusOf(e) }))]),
      );
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    for (const kind of CONTRIBUTION_KINDS) {
      process.stdout.write(`${kind}\n`);
      for (const entry of catalogue[kind]) {
        const status = statusOf(entry);
        const mark = status.startsWith('not loadable') ? `  [${status}]` : '';
        process.stdout.write(`  ${entry.manifest.id.padEnd(18)} ${entry.manifest.description}${mark}\n`);
        const properties = (entry.manifest.options.properties ?? {}) as Record<string, Record<string, unknown>>;
        for (const [name, schema] of Object.entries(properties)) process.stdout.write(`      ${describeOption(name, schema)}\n`);
      }
    }
    const describe = (p: PluginSource) => (failures.has(p.location) || p.problem ? `${p.name} (not loadable)` : p.name);
    process.stdout.write(`\nplugins: ${session.plugins.map(describe).join(', ')}\n`);
  },
};
