import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPython, temporaryJupyter } from './jupyter-env';

const NOTEBOOKS_DIR = path.resolve(__dirname, '..', '..', '..', 'notebooks');
const NOTEBOOKS = ['01-intra-vs-cross.ipynb', '02-dae-transfer.ipynb', '03-write-a-transfer-plugin.ipynb'];

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  traceback?: string[];
  data?: Record<string, unknown>;
}

const joined = (text: unknown) => (Array.isArray(text) ? text.join('') : String(text ?? ''));

// Each notebook runs top to bottom on the emotrans kernel through nbconvert/nbclient, like a user's
// "Restart & Run All", in a temporary Jupyter environment, copied to a folder outside the checkout (where
// a researcher keeps their work): emotrans resolves from the kernel's installation there.
describe('notebooks execute on the emotrans kernel, from a folder outside the repository', () => {
  const jupyter = temporaryJupyter();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-my-notebooks-'));
  for (const name of NOTEBOOKS) fs.copyFileSync(path.join(NOTEBOOKS_DIR, name), path.join(work, name));
  afterAll(() => {
    jupyter.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it.each(NOTEBOOKS)('%s runs without errors and shows an HTML table and a Plotly figure', (name) => {
    const outDir = path.join(jupyter.root, 'executed');
    const run = runPython(
      ['-m', 'jupyter', 'nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=emotrans', '--ExecutePreprocessor.timeout=400', '--output-dir', outDir, path.join(work, name)],
      jupyter.env,
      work,
      420000,
    );
    if (run.status !== 0) throw new Error(`nbconvert failed on ${name}:\n${run.stderr.slice(-5000)}`);
    // figures do not carry plotly.js (it is served from the kernelspec's folder): well under 1 MB
    expect(fs.statSync(path.join(outDir, name)).size).toBeLessThan(1_000_000);
    const notebook = JSON.parse(fs.readFileSync(path.join(outDir, name), 'utf8')) as { cells: { cell_type: string; outputs?: Output[] }[] };
    const outputs = notebook.cells.filter((c) => c.cell_type === 'code').flatMap((c) => c.outputs ?? []);
    const errors = outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}\n${(o.traceback ?? []).join('\n')}`);
    expect(errors).toEqual([]);
    const stderr = outputs.filter((o) => o.output_type === 'stream' && o.name === 'stderr').map((o) => joined(o.text));
    expect(stderr.filter((t) => /error|exception/i.test(t))).toEqual([]);
    const rich = outputs.filter((o) => o.output_type === 'execute_result' || o.output_type === 'display_data');
    expect(rich.some((o) => /<table[\s>]/.test(joined(o.data?.['text/html'])))).toBe(true);
    const figure = rich.find((o) => o.data?.['application/vnd.plotly.v1+json']);
    expect(figure).toBeDefined();
    const plot = figure!.data!['application/vnd.plotly.v1+json'] as { data: unknown[]; layout: unknown };
    expect(plot.data.length).toBeGreaterThan(0);
    expect(joined(figure!.data!['text/html'])).toMatch(/Plotly\.newPlot/);
  }, 450000);
});
