import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installKernelSpec } from '@emotrans/kernel';

/** The Python that has the Debian Jupyter packages. */
export const PYTHON = '/usr/bin/python3';

/**
 * A throw-away Jupyter environment: the kernelspec is installed under a temporary prefix and every Jupyter
 * folder (data, config, runtime) points into it, so tests never touch the user's Jupyter setup.
 */
export function temporaryJupyter(): { root: string; env: NodeJS.ProcessEnv; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-jupyter-'));
  installKernelSpec({ prefix: root });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_PATH: path.join(root, 'share', 'jupyter'),
    JUPYTER_DATA_DIR: path.join(root, 'data'),
    JUPYTER_CONFIG_DIR: path.join(root, 'config'),
    JUPYTER_RUNTIME_DIR: path.join(root, 'runtime'),
    JUPYTER_PLATFORM_DIRS: '1',
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
    PYTHONWARNINGS: 'ignore',
  };
  return { root, env, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export function runPython(args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(PYTHON, ['-Xfrozen_modules=off', ...args], { env, cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 200 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}
