import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLI = path.resolve(__dirname, '..', '..', 'core', 'bin', 'emotrans.js');
const KERNEL_ENTRY = path.resolve(__dirname, '..', 'bin', 'emotrans-kernel.js');

// `emotrans kernel install|uninstall` through the CLI, into temporary folders only.
describe('emotrans kernel install|uninstall', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-install-'));
  const env = { ...process.env, JUPYTER_DATA_DIR: path.join(root, 'user-data') };
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'kernel', ...args], { env, encoding: 'utf8', timeout: 60000 });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes kernel.json under --prefix and removes it again', () => {
    const prefix = path.join(root, 'prefix');
    const install = cli('install', '--prefix', prefix);
    expect(install.status).toBe(0);
    const file = path.join(prefix, 'share', 'jupyter', 'kernels', 'emotrans', 'kernel.json');
    const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(spec).toEqual({
      argv: [process.execPath, KERNEL_ENTRY, '{connection_file}'],
      display_name: 'TypeScript (emotrans)',
      language: 'typescript',
      interrupt_mode: 'message',
      metadata: { debugger: false },
    });
    expect(cli('uninstall', '--prefix', prefix).status).toBe(0);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('installs for the user into the Jupyter data folder, with a chosen name and interrupt mode', () => {
    const install = cli('install', '--user', '--name', 'emotrans-test', '--interrupt-mode', 'signal');
    expect(install.status).toBe(0);
    const spec = JSON.parse(fs.readFileSync(path.join(root, 'user-data', 'kernels', 'emotrans-test', 'kernel.json'), 'utf8'));
    expect(spec.interrupt_mode).toBe('signal');
  });

  it('refuses two targets at once (exit code 2)', () => {
    const run = cli('install', '--user', '--prefix', path.join(root, 'x'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/choose one of --user, --sys-prefix and --prefix/);
  });
});
