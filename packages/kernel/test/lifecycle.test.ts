import path from 'node:path';
import { installKernelSpec } from '@emotrans/kernel';
import { runPython, temporaryJupyter } from './jupyter-env';

// Interrupts (an endless synchronous loop, an await that never resolves) and a restart, driven by
// jupyter_client's KernelManager (test/lifecycle.py), in both interrupt modes.
describe('interrupt and restart through jupyter_client', () => {
  const jupyter = temporaryJupyter();
  installKernelSpec({ prefix: jupyter.root, name: 'emotrans-signal', interruptMode: 'signal' });
  afterAll(() => jupyter.cleanup());

  it.each([
    ['emotrans', 'message'],
    ['emotrans-signal', 'signal'],
  ])('kernel %s (interrupt_mode %s): cells stop, variables survive interrupts, a restart clears them', (name, mode) => {
    const run = runPython([path.join(__dirname, 'lifecycle.py'), name], jupyter.env, jupyter.root, 100000);
    if (run.status !== 0) throw new Error(`lifecycle.py failed:\n${run.stderr.slice(-4000)}`);
    const seen = JSON.parse(run.stdout);
    expect(seen.interrupt_mode).toBe(mode);
    expect(seen.sync_loop).toEqual({ status: 'error', ename: 'Interrupted' });
    expect(seen.pending_await).toEqual({ status: 'error', ename: 'Interrupted' });
    expect(seen.after_interrupts).toEqual({ status: 'ok', result: ['10'] });
    expect(seen.after_restart).toEqual({ status: 'ok', execution_count: 1, result: ["'undefined'"] });
  });
});
