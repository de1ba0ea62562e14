import type { CommandModule } from 'yargs';
import type { GlobalOptions } from '../command-context';
import { openSession } from '../command-context';
import { readSpecFile, validateSpecContributions } from '../../spec/load-spec';

interface ValidateArgs extends GlobalOptions {
  spec: string;
}

export const validateCommand: CommandModule<GlobalOptions, ValidateArgs> = {
  command: 'validate <spec>',
  describe: 'Check an experiment spec (shape, ids, options) without running it',
  builder: (y) => y.positional('spec', { type: 'string', demandOption: true, describe: 'Experiment spec (JSON)' }),
  handler: (args) => {
    const spec = readSpecFile(args.spec);
    const session = openSession(args, spec.plugins);
    validateSpecContributions(spec, session.registry, args.spec);
    process.stdout.write(`${args.spec}: valid\n`);
  },
};
