/** `emotrans paper` on a small spec: runs the grid, leaves out transfer methods that are not installed, writes PAPER.md. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cli = path.resolve(__dirname, '..', 'bin', 'emotrans.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-paper-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('regenerates tables, statistics and figures and writes PAPER.md', () => {
  const spec = path.join(work, 'paper.json');
  fs.writeFileSync(
    spec,
    JSON.stringify({
      name: 'mini-paper',
      seed: 1,
      corpora: { music: { id: 'toy', options: { domain: 'music', sequences: 4, seconds: 8 } }, speech: { id: 'toy', options: { domain: 'speech', sequences: 4, seconds: 8 } } },
      features: { id: 'simple' },
      transfer: [{ id: 'none' }, { id: 'no-such-transfer' }],
      regressor: { id: 'ridge' },
      protocol: { repetitions: 4, bestOf: 2 },
      output: path.join(work, 'results'),
      cacheDir: path.join(work, 'cache'),
    }),
  );
  const run = spawnSync(process.execPath, [cli, 'paper', '--spec', spec, '--run-id', 'p', '--jobs', '1', '--no-images', '--repetitions', '3'], { encoding: 'utf8' });
  expect(run.stderr).toMatch(/no-such-transfer not installed; left out/);
  expect(run.status).toBe(0);
  const runDir = path.join(work, 'results', 'p');
  const paper = fs.readFileSync(path.join(runDir, 'PAPER.md'), 'utf8');
  // --repetitions 3 caps best-of at 1.
  expect(paper).toMatch(/repetitions: 3, best 1 reported/);
  expect(paper).toMatch(/\| music \| intra \| music \|/);
  expect(paper).toMatch(/\| speech \| cross \| music \|/);
  expect(paper).toMatch(/Paired tests: ccc/);
  expect(run.stdout).toMatch(/mean of the best 1 of 3 repetitions/);
  for (const file of ['tables/paper-per-sequence-best.csv', 'tables/paper-per-sequence-mean.md', 'statistics/comparisons.csv', 'figures/report.html', 'figures/bars-ccc.json']) {
    expect(fs.existsSync(path.join(runDir, file))).toBe(true);
  }
  const environment = JSON.parse(fs.readFileSync(path.join(runDir, 'environment.json'), 'utf8'));
  expect(environment.figures).toEqual({ images: false, reason: 'image rendering turned off' });
});

it('--quick picks its own spec, so it refuses --spec (exit 2, naming both)', () => {
  const run = spawnSync(process.execPath, [cli, 'paper', '--quick', '--spec', path.join(work, 'any.json')], { encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/--quick and --spec cannot be combined/);
});

it('the default spec is the paper protocol: LSTM 150 + 10, noise 0.5, leave-one-group-out, 10 repetitions, best 5, none/dae/coral', () => {
  const spec = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'examples', 'paper.json'), 'utf8'));
  expect(spec.regressor).toEqual({ id: 'lstm', options: { units: [150, 10], inputNoise: 0.5 } });
  expect(spec.protocol).toMatchObject({ conditions: ['intra', 'cross'], cv: { scheme: 'loso' }, repetitions: 10, bestOf: 5 });
  expect(spec.transfer.map((t: { id: string }) => t.id)).toEqual(['none', 'dae', 'coral']);
});
