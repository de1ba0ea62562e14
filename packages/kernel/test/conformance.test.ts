import path from 'node:path';
import { PYTHON, runPython, temporaryJupyter } from './jupyter-env';

// The official conformance suite (jupyter_kernel_test, driven by jupyter_client) on the emotrans kernel;
// test/conformance.py also checks type errors, re-declarations, top-level await, tracebacks,
// stop_on_error and completion of emotrans types through the same reference client.
describe('jupyter_kernel_test conformance', () => {
  const jupyter = temporaryJupyter();
  afterAll(() => jupyter.cleanup());

  it('lists the installed kernelspec', () => {
    const run = runPython(['-m', 'jupyter', 'kernelspec', 'list', '--json'], jupyter.env, jupyter.root, 30000);
    expect(run.status).toBe(0);
    const spec = JSON.parse(run.stdout).kernelspecs.emotrans;
    expect(spec.resource_dir).toBe(path.join(jupyter.root, 'share', 'jupyter', 'kernels', 'emotrans'));
    expect(spec.spec.display_name).toBe('TypeScript (emotrans)');
    expect(spec.spec.language).toBe('typescript');
    expect(spec.spec.argv).toContain('{connection_file}');
  });

  it(`passes the suite (${PYTHON} test/conformance.py)`, () => {
    const run = runPython([path.join(__dirname, 'conformance.py')], jupyter.env, jupyter.root, 150000);
    const summary = run.stderr.split('\n').filter((l) => /FAIL|ERROR|^Ran |^OK/.test(l)).join('\n');
    if (run.status !== 0) throw new Error(`conformance suite failed:\n${run.stderr.slice(-6000)}`);
    expect(summary).toMatch(/^OK/m);
    expect(run.stderr).toMatch(/test_execute_stdout .*ok/);
  });
});
