import path from 'node:path';
import type { CommandModule } from 'yargs';
import type { GlobalOptions } from '../command-context';
import { CONTRIBUTION_KINDS, type ContributionKind } from '../../extension-points/contribution';
import { scaffoldPlugin } from '../../scaffold/scaffold-plugin';

interface NewArgs extends GlobalOptions {
  kind: ContributionKind;
  name: string;
  dir?: string;
}

export const newCommand: CommandModule<GlobalOptions, NewArgs> = {
  command: 'new <kind> <name>',
  describe: 'Write a ready plugin folder for a new contribution (manifest, index.ts, tsconfig, test, example spec, README)',
  builder: (y) =>
    y
      .positional('kind', { choices: CONTRIBUTION_KINDS, demandOption: true, describe: 'What the plugin contributes' })
      .positional('name', { type: 'string', demandOption: true, describe: "The contribution's id (lower case, digits, dashes)" })
      .option('dir', { type: 'string', describe: 'Folder to create (default: ./<name>)' }),
  handler: (args) => {
    const dir = path.resolve(args.dir ?? args.name);
    const files = scaffoldPlugin(args.kind, args.name, dir);
    process.stdout.write(`${files.map((f) => `wrote ${path.relative(process.cwd(), f) || f}`).join('\n')}\n`);
    process.stdout.write(`next: cd ${path.relative(process.cwd(), dir) || '.'} && npm install && emotrans check . && emotrans run example-spec.json\n`);
  },
};
