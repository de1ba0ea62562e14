import type { CommandModule } from 'yargs';
import type { GlobalOptions } from '../command-context';
import { BadInputError } from '../../runtime/errors';

interface KernelArgs extends GlobalOptions {
  action: 'install' | 'uninstall';
  user?: boolean;
  sysPrefix?: boolean;
  prefix?: string;
  name?: string;
  interruptMode?: 'signal' | 'message';
}

/** What the command needs of @emotrans/kernel, loaded at run time (the core does not depend on it). */
interface KernelPackage {
  installKernelSpec(target: { user?: boolean; sysPrefix?: boolean; prefix?: string; name?: string; interruptMode?: 'signal' | 'message' }): string;
  uninstallKernelSpec(target: { user?: boolean; sysPrefix?: boolean; prefix?: string; name?: string }): string | undefined;
}

function loadKernelPackage(): KernelPackage {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@emotrans/kernel') as KernelPackage;
  } catch (error) {
    throw new BadInputError(`the Jupyter kernel needs the package @emotrans/kernel, which cannot be loaded: ${(error as Error).message}`);
  }
}

export const kernelCommand: CommandModule<GlobalOptions, KernelArgs> = {
  command: 'kernel <action>',
  describe: 'Install or uninstall the Jupyter kernelspec of the TypeScript kernel ("TypeScript (emotrans)")',
  builder: (y) =>
    y
      .positional('action', { choices: ['install', 'uninstall'] as const, demandOption: true, describe: 'install or uninstall' })
      .option('user', { type: 'boolean', describe: "Into the user's Jupyter data folder (the default)" })
      .option('sys-prefix', { type: 'boolean', describe: "Into the prefix of the Python environment Jupyter runs in" })
      .option('prefix', { type: 'string', describe: 'Into <prefix>/share/jupyter/kernels' })
      .option('name', { type: 'string', default: 'emotrans', describe: 'Kernel name' })
      .option('interrupt-mode', { choices: ['signal', 'message'] as const, default: 'message' as const, describe: 'How Jupyter interrupts a cell' }),
  handler: (args) => {
    const kernel = loadKernelPackage();
    const target = { user: args.user, sysPrefix: args.sysPrefix, prefix: args.prefix, name: args.name, interruptMode: args.interruptMode };
    if (args.action === 'install') {
      const dir = kernel.installKernelSpec(target);
      process.stdout.write(`installed kernelspec '${args.name}' in ${dir}\n`);
    } else {
      const dir = kernel.uninstallKernelSpec(target);
      process.stdout.write(dir ? `removed kernelspec '${args.name}' from ${dir}\n` : `no kernelspec '${args.name}' installed there\n`);
    }
  },
};
