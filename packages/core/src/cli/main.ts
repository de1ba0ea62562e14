import yargs from 'yargs';
import { EmotransError } from '../runtime/errors';
import { COMMANDS } from './commands';

/** Runs the CLI and resolves to the exit code: 0 ok, 1 run failure, 2 bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  let usageError: string | undefined;
  try {
    await yargs([...argv])
      .scriptName('emotrans')
      .usage('$0 <command> [options]\n\nTime-continuous emotion recognition in music and speech, and transfer between them.')
      .option('plugin', { type: 'string', array: true, describe: 'Load an extra plugin (path or npm package); repeatable' })
      .option('quiet', { type: 'boolean', describe: 'No progress bar or log on stderr' })
      .command(COMMANDS)
      .demandCommand(1, 'Name a command.')
      .strict()
      .fail((message, error) => {
        if (error) throw error;
        usageError = message;
      })
      .help()
      .alias('h', 'help')
      .version()
      .wrap(Math.min(110, process.stdout.columns || 110))
      .parseAsync();
  } catch (error) {
    if (error instanceof EmotransError) {
      process.stderr.write(`emotrans: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`emotrans: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
  if (usageError) {
    process.stderr.write(`emotrans: ${usageError}\nRun 'emotrans --help' for usage.\n`);
    return 2;
  }
  return 0;
}
