import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BadInputError } from '@emotrans/core';
import { PLOTLY_ASSET, plotlyLibrarySource } from '../display/plotly';

/** Contents of kernel.json. */
export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: 'signal' | 'message';
  metadata: Record<string, unknown>;
}

/** Where a kernelspec goes, like `jupyter kernelspec install`'s options. */
export interface InstallTarget {
  /** The user's Jupyter data folder (default). */
  user?: boolean;
  /** The prefix of the Python environment Jupyter runs in. */
  sysPrefix?: boolean;
  /** `<prefix>/share/jupyter/kernels`. */
  prefix?: string;
  /** Kernel name (folder name); default `emotrans`. */
  name?: string;
  interruptMode?: 'signal' | 'message';
}

export const DEFAULT_KERNEL_NAME = 'emotrans';

/** The kernel.json for this installation: node and the kernel's own entry script. */
export function kernelSpec(interruptMode: 'signal' | 'message' = 'message'): KernelSpec {
  return {
    argv: [process.execPath, path.resolve(__dirname, '..', '..', 'bin', 'emotrans-kernel.js'), '{connection_file}'],
    display_name: 'TypeScript (emotrans)',
    language: 'typescript',
    interrupt_mode: interruptMode,
    metadata: { debugger: false },
  };
}

function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'jupyter');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'jupyter');
}

/** sys.prefix of the Python that has jupyter_client (`python3` on PATH, then /usr/bin/python3). */
function pythonSysPrefix(): string {
  for (const python of [process.env.EMOTRANS_PYTHON, 'python3', '/usr/bin/python3', 'python'].filter(Boolean) as string[]) {
    try {
      return execFileSync(python, ['-c', 'import sys, jupyter_client; print(sys.prefix)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // next candidate
    }
  }
  throw new BadInputError('--sys-prefix: no Python with jupyter_client found (set EMOTRANS_PYTHON to its interpreter)');
}

/** The kernels folder a target names. */
export function kernelsDir(target: InstallTarget): string {
  const chosen = [target.user, target.sysPrefix, target.prefix !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new BadInputError('choose one of --user, --sys-prefix and --prefix');
  if (target.prefix !== undefined) return path.join(path.resolve(target.prefix), 'share', 'jupyter', 'kernels');
  if (target.sysPrefix) return path.join(pythonSysPrefix(), 'share', 'jupyter', 'kernels');
  return path.join(userDataDir(), 'kernels');
}

/** Writes `<kernels>/<name>/kernel.json`; returns the folder. */
export function installKernelSpec(target: InstallTarget = {}): string {
  const name = target.name ?? DEFAULT_KERNEL_NAME;
  if (!/^[a-z0-9._-]+$/i.test(name)) throw new BadInputError(`kernel name '${name}' may only hold letters, digits, '.', '_' and '-'`);
  const dir = path.join(kernelsDir(target), name);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kernel.json');
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(kernelSpec(target.interruptMode), null, 2)}\n`);
  fs.renameSync(temporary, file);
  // plotly.js beside kernel.json: the notebook server serves it (/kernelspecs/<name>/...), so figures draw
  // offline in pages without a Plotly renderer and notebooks do not carry 11 MB of it in their outputs.
  try {
    const asset = path.join(dir, PLOTLY_ASSET);
    fs.writeFileSync(`${asset}.${process.pid}.tmp`, plotlyLibrarySource(require));
    fs.renameSync(`${asset}.${process.pid}.tmp`, asset);
  } catch (error) {
    process.stderr.write(`emotrans kernel install: plotly.js not installed beside the kernelspec (${(error as Error).message}); figures draw only where plotly.js is loaded\n`);
  }
  return dir;
}

/** Removes the kernelspec folder; returns it, or undefined when it was not there. */
export function uninstallKernelSpec(target: InstallTarget = {}): string | undefined {
  const dir = path.join(kernelsDir(target), target.name ?? DEFAULT_KERNEL_NAME);
  if (!fs.existsSync(path.join(dir, 'kernel.json'))) return undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}
