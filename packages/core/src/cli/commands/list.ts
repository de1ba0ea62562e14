import type { CommandModule } from 'yargs';
import type { GlobalOptions } from '../command-context';
import { openSession } from '../command-context';
import { CONTRIBUTION_KINDS } from '../../extension-points/contribution';

interface ListArgs extends GlobalOptions {
  json?: boolean;
}

/** Describes one option of a contribution from its JSON Schema: `name: type = default — description`. */
function describeOption(name: string, schema: Record<string, unknown>): string {
  const type = schema.enum ? (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join('|') : String(schema.type ?? 'any');
  const fallback = 'default' in schema ? ` = ${JSON.stringify(schema.default)}` : '';
  const description = schema.description ? ` — ${schema.description}` : '';
  return `${name}: ${type}${fallback}${description}`;
}

export const listCommand: CommandModule<GlobalOptions, ListArgs> = {
  command: 'list',
  describe: 'List every registered contribution by kind, with its options',
  builder: (y) => y.option('json', { type: 'boolean', describe: 'Print JSON instead of text' }),
  handler: (args) => {
    const session = openSession(args);
    const catalogue = session.registry.catalogue();
    if (args.json) {
      const out = Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, catalogue[k].map((c) => c.manifest)]));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    for (const kind of CONTRIBUTION_KINDS) {
      process.stdout.write(`${kind}\n`);
      for (const c of catalogue[kind]) {
        process.stdout.write(`  ${c.manifest.id.padEnd(18)} ${c.manifest.description}\n`);
        const properties = (c.manifest.options.properties ?? {}) as Record<string, Record<string, unknown>>;
        for (const [name, schema] of Object.entries(properties)) process.stdout.write(`      ${describeOption(name, schema)}\n`);
      }
    }
    process.stdout.write(`\nplugins: ${session.plugins.map((p) => p.name).join(', ')}\n`);
  },
};
