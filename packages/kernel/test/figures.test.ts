import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PYTHON, runPython, temporaryJupyter } from './jupyter-env';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const figureCell = (title: string) => `({ data: [{ type: 'scatter', x: [1, 2, 3], y: [3, 1, 2] }], layout: { title: { text: '${title}' } } })`;

// Figures survive "re-run the first figure cell, save, reload" in the classic Notebook (6, with require.js):
// the notebook is executed on the kernel, its first figure cell run again, saved and trusted; a real
// Notebook server then serves it to headless Chromium, which must draw every figure.
describe('figures in the classic Notebook', () => {
  const jupyter = temporaryJupyter();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-figures-'));
  afterAll(() => {
    jupyter.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('draw after re-run + save + reload, from a notebook well under 1 MB', async () => {
    const notebook = path.join(work, 'figures.ipynb');
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source });
    fs.writeFileSync(notebook, JSON.stringify({ cells: [cell(figureCell('first')), cell(figureCell('second'))], metadata: { kernelspec: { name: 'emotrans', display_name: 'TypeScript (emotrans)', language: 'typescript' } }, nbformat: 4, nbformat_minor: 5 }));
    const executed = runPython([path.join(__dirname, 'figures.py'), notebook], jupyter.env, work, 120000);
    if (executed.status !== 0) throw new Error(`figures.py failed:\n${executed.stderr.slice(-3000)}`);
    expect(fs.statSync(notebook).size).toBeLessThan(100_000);

    const port = await freePort();
    const token = 'emotrans-test-token';
    const server = spawn(PYTHON, ['-m', 'notebook', '--no-browser', '--allow-root', '--ip=127.0.0.1', `--port=${port}`, `--NotebookApp.token=${token}`, `--notebook-dir=${work}`], { env: jupyter.env, stdio: 'ignore' });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const url = `http://127.0.0.1:${port}/notebooks/figures.ipynb?token=${token}`;
      for (let attempt = 0; ; attempt++) {
        try {
          await page.goto(url, { timeout: 10000 });
          break;
        } catch (error) {
          if (attempt > 30) throw error;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      await page.waitForFunction(() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6, undefined, { timeout: 60000 });
      await page.screenshot({ path: process.env.EMOTRANS_SCREENSHOT ?? path.join(work, 'figures.png'), fullPage: true });
      const titles = await page.$$eval('.js-plotly-plot .gtitle', (nodes) => nodes.map((n) => n.textContent));
      expect(titles.sort()).toEqual(['first', 'second']);
      expect(await page.innerText('body')).not.toMatch(/could not be loaded|not loaded in this page/);
    } finally {
      await browser.close();
      server.kill('SIGINT');
      server.kill('SIGTERM');
    }
  }, 180000);
});
