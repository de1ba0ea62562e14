import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { KernelClient, kernelSpec } from '@emotrans/kernel';
import { runPython, temporaryJupyter } from './jupyter-env';

// A cell spins in `while (true) {}`; then the kernel goes away through jupyter_client (test/orphans.py):
// the runtime process must not survive it on any path.
describe('no runtime outlives its kernel', () => {
  const jupyter = temporaryJupyter();
  afterAll(() => jupyter.cleanup());

  it('on shutdown (now=True), restart (now=True) and SIGKILL of the kernel', () => {
    const run = runPython([path.join(__dirname, 'orphans.py')], jupyter.env, jupyter.root, 100000);
    if (run.status !== 0) throw new Error(`orphans.py failed:\n${run.stderr.slice(-4000)}`);
    const seen = JSON.parse(run.stdout) as Record<string, number | null | string>;
    for (const way of ['shutdown_now', 'restart_now', 'sigkill']) {
      expect([way, seen[way]]).toEqual([way, expect.any(Number)]);
      expect(seen[way]).toBeLessThan(2);
    }
    expect(seen.after_restart).toBe('ok');
  });

  it('when the Jupyter server that started the kernel (JPY_PARENT_PID) is killed', async () => {
    const server = spawn('sleep', ['60']);
    const client = await KernelClient.start(kernelSpec().argv, { cwd: os.tmpdir(), env: { ...process.env, JPY_PARENT_PID: String(server.pid) } });
    const exited = client.exited();
    server.kill('SIGKILL');
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 5000))]);
    await client.close();
    expect(code).toBe(0);
  });
});
