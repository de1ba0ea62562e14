import yargs from 'yargs';
import { EmotransError, describeThrown, verboseStack } from '../runtime/errors';
import { COMMANDS } from './commands';

/** The exit code of a command whose work stopped with nothing left to wait for (see `untilDrained`). */
const NEVER_SETTLED = 1;

/**
 * A promise that resolves when the event loop runs dry while `main` is still waiting: the work it awaits
 * can never finish (a plugin's promise that never settles). Without it the process would exit 0 with no
 * results. `stop` removes the listener.
 */
function untilDrained(): { drained: Promise<void>; stop: () => void } {
  let stop = () => {};
  const drained = new Promise<void>((resolve) => {
    const listener = () => resolve();
    process.on('beforeExit', listener);
    stop = () => process.off('beforeExit', listener);
  });
  return { drained, stop };
}

async function parse(argv: readonly string[]): Promise<string | undefined> {
  let usageError: string | undefined;
  await yargs([...argv])
    .scriptName('emotrans')
    .usage('$0 <command> [options]\n\nTime-continuous emotion recognition in music and speech, and transfer between them.')
    .option('plugin', { type: 'string', array: true, describe: 'Load an extra plugin (path or npm package); repeatable' })
    .option('quiet', { type: 'boolean', describe: 'No progress bar or log on stderr' })
    .option('verbose', { type: 'boolean', describe: 'On a failure, also print the stack of its cause' })
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
  return usageError;
}

/** Runs the CLI and resolves to the exit code: 0 ok, 1 run failure, 2 bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const { drained, stop } = untilDrained();
  let usageError: string | undefined;
  try {
    const outcome = await Promise.race([parse(argv).then((message) => ({ message })), drained.then(() => 'drained' as const)]);
    if (outcome === 'drained') {
      process.stderr.write(
        'emotrans: the command stopped before finishing: the work it waited for can never complete (a plugin returned a promise that never settles, with nothing left running); no results were written for the unfinished work\n',
      );
      return NEVER_SETTLED;
    }
    usageError = outcome.message;
  } catch (error) {
    const stack = verbose ? verboseStack(error) : undefined;
    if (error instanceof EmotransError) {
      process.stderr.write(`emotrans: ${error.message}\n${stack ? `${stack}\n` : ''}`);
      return error.exitCode;
    }
    process.stderr.write(
      `emotrans: unexpected failure (a bug in emotrans; please report it with the output of --verbose): ${describeThrown(error)}\n${stack ? `${stack}\n` : ''}`,
    );
    return 1;
  } finally {
    stop();
  }
  if (usageError) {
    process.stderr.write(`emotrans: ${usageError}\nRun 'emotrans --help' for usage.\n`);
    return 2;
  }
  return 0;
}
