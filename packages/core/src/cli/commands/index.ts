import type { CommandModule } from 'yargs';
import type { GlobalOptions } from '../command-context';
import { kernelCommand } from './kernel';
import { featuresCommand } from './features';
import { listCommand } from './list';
import { paperCommand } from './paper';
import { runCommand } from './run';
import { validateCommand } from './validate';
import { checkCommand } from './check';
import { newCommand } from './new';
import { workerCommand } from './worker';

/** Every CLI command; a new command is one file here plus one line in this list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: CommandModule<GlobalOptions, any>[] = [runCommand, validateCommand, listCommand, kernelCommand, featuresCommand, paperCommand, checkCommand, newCommand, workerCommand];
