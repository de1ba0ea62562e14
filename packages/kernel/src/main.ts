import { readConnectionInfo } from './wire/connection-info';
import { Kernel } from './kernel/kernel';
import { KernelInputError } from './wire/kernel-input-error';

/** Entry point Jupyter runs (see the kernelspec's argv): `emotrans-kernel <connection-file>`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = argv.filter((a) => a !== '-f' && a !== '--connection-file');
  const file = args[0];
  if (!file) {
    process.stderr.write('usage: emotrans-kernel <connection-file>\n');
    process.exit(2);
  }
  try {
    const kernel = new Kernel(readConnectionInfo(file), { cwd: process.cwd() });
    process.on('SIGINT', () => kernel.interrupt());
    process.on('SIGTERM', () => void kernel.shutdown());
    // Like ipykernel's parent poller: a kernel whose Jupyter server is gone (killed) stops, runtime included.
    const parent = Number(process.env.JPY_PARENT_PID);
    if (Number.isInteger(parent) && parent > 1) {
      setInterval(() => {
        try {
          process.kill(parent, 0);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ESRCH') void kernel.shutdown();
        }
      }, 1000).unref();
    }
    // A failure in one request must not take the kernel (and the notebook's variables) down.
    process.on('unhandledRejection', (reason) => process.stderr.write(`[emotrans kernel] unhandled rejection: ${String(reason)}\n`));
    await kernel.start();
  } catch (error) {
    process.stderr.write(`emotrans kernel: ${(error as Error).message}\n`);
    process.exit(error instanceof KernelInputError ? error.exitCode : 1);
  }
}
