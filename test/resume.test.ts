/**
 * A run killed part-way (SIGKILL: no chance to clean up) and resumed with `emotrans run --resume` finishes
 * only the missing units and ends with the same metrics as a run that was never interrupted.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'packages', 'core', 'bin', 'emotrans.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-resume-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const specFile = path.join(work, 'spec.json');
fs.writeFileSync(
  specFile,
  JSON.stringify({
    name: 'resume',
    seed: 3,
    corpora: { music: { id: 'toy', options: { domain: 'music', sequences: 4, seconds: 8 } }, speech: { id: 'toy', options: { domain: 'speech', sequences: 4, seconds: 8 } } },
    features: { id: 'simple' },
    transfer: [{ id: 'none' }],
    regressor: { id: 'slow-ridge' },
    metrics: ['rmse', 'pearson', 'ccc'],
    protocol: { repetitions: 3, bestOf: 2, cv: { scheme: 'loso', validationFraction: 0.25 } },
    output: path.join(work, 'results'),
    cacheDir: path.join(work, 'cache'),
  }),
);
// 2 targets x (4 intra folds + 1 cross) x 3 repetitions.
const UNITS = 30;
const plugin = path.join(__dirname, 'fixtures', 'experiment-slow-ridge.js');
const args = (...extra: string[]) => [cli, 'run', specFile, '--plugin', plugin, '--quiet', '--no-images', ...extra];
const env = { ...process.env, EMOTRANS_TEST_FIT_DELAY_MS: '100' };
const runDir = (id: string) => path.join(work, 'results', id);
const unitFiles = (id: string) => (fs.existsSync(path.join(runDir(id), 'units')) ? fs.readdirSync(path.join(runDir(id), 'units')).filter((f) => f.endsWith('.json')) : []);
const metricsOf = (id: string) => JSON.parse(fs.readFileSync(path.join(runDir(id), 'metrics.json'), 'utf8'));

function runToEnd(...extra: string[]): void {
  const result = spawnSync(process.execPath, args(...extra), { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`emotrans exited ${result.status}: ${result.stderr}`);
}

/** Starts a run and kills it with `signal` once at least `after` unit files exist. */
async function runAndKill(id: string, after: number, signal: NodeJS.Signals): Promise<{ done: number; code: number | null; stderr: string }> {
  // Not --quiet here: the interruption message is what is checked.
  const child = spawn(process.execPath, args('--run-id', id, '--jobs', '1').filter((a) => a !== '--quiet'), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (;;) {
    if (unitFiles(id).length >= after) break;
    if (child.exitCode !== null) throw new Error(`run ${id} ended before it could be killed`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill(signal);
  const code = await exited;
  return { done: unitFiles(id).length, code, stderr };
}

describe('resume after a kill', () => {
  beforeAll(() => runToEnd('--run-id', 'uninterrupted', '--jobs', '2'));

  it('the uninterrupted run finished every unit', () => {
    expect(unitFiles('uninterrupted')).toHaveLength(UNITS);
  });

  it.each([['SIGKILL' as const], ['SIGINT' as const]])('after %s, --resume finishes only what is missing and gives the same metrics', async (signal) => {
    const id = `killed-${signal}`;
    const { done, code, stderr } = await runAndKill(id, 6, signal);
    if (signal === 'SIGINT') {
      expect(code).toBe(130);
      expect(stderr).toContain(`--resume ${id}`);
    }
    expect(done).toBeGreaterThanOrEqual(6);
    expect(done).toBeLessThan(UNITS);
    expect(fs.existsSync(path.join(runDir(id), 'metrics.json'))).toBe(false);
    // No torn or temporary files left that a resume could mistake for finished units.
    for (const f of unitFiles(id)) expect(() => JSON.parse(fs.readFileSync(path.join(runDir(id), 'units', f), 'utf8'))).not.toThrow();
    const before = new Map(unitFiles(id).map((f) => [f, fs.statSync(path.join(runDir(id), 'units', f)).mtimeMs]));
    // A damaged unit file (say, a full disk) is run again rather than trusted.
    const damaged = unitFiles(id)[0];
    fs.writeFileSync(path.join(runDir(id), 'units', damaged), '{"key": ');
    before.delete(damaged);

    runToEnd('--resume', id, '--jobs', '2');

    expect(unitFiles(id)).toHaveLength(UNITS);
    // Units finished before the kill were reused, not recomputed.
    for (const [f, mtime] of before) expect(fs.statSync(path.join(runDir(id), 'units', f)).mtimeMs).toBe(mtime);
    expect(metricsOf(id)).toEqual(metricsOf('uninterrupted'));
    expect(fs.readFileSync(path.join(runDir(id), 'predictions.csv'), 'utf8')).toBe(fs.readFileSync(path.join(runDir('uninterrupted'), 'predictions.csv'), 'utf8'));
  });

  it('refuses to resume with a different spec', () => {
    const other = path.join(work, 'other.json');
    const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
    fs.writeFileSync(other, JSON.stringify({ ...spec, seed: 4 }));
    const result = spawnSync(process.execPath, [cli, 'run', other, '--plugin', plugin, '--quiet', '--no-images', '--resume', 'uninterrupted'], { env, encoding: 'utf8' });
    expect(result.status).toBe(2); // bad input: the spec given does not match the run
    expect(result.stderr).toMatch(/spec\.json differs/);
  });
});
