import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'packages/core/bin/emotrans.js');

function cli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd });
}

function writeSpec(dir: string, spec: Record<string, unknown>): string {
  const file = path.join(dir, 'spec.json');
  fs.writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

/**
 * The toy corpus codes arousal exactly as the level in dB of a tone (a known linear map) and the `simple`
 * feature set measures that level, so intra-domain ridge regression must recover arousal almost perfectly.
 */
describe('emotrans run, end to end on the toy corpus', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-e2e-'));
  const spec = writeSpec(dir, {
    name: 'e2e',
    seed: 3,
    corpora: { music: { id: 'toy', options: { domain: 'music', sequences: 4 } }, speech: { id: 'toy', options: { domain: 'speech', sequences: 4 } } },
    features: { id: 'simple' },
    regressor: { id: 'ridge' },
    metrics: ['rmse', 'pearson', 'ccc'],
    output: 'out',
    cacheDir: path.join(dir, 'cache'),
  });
  const run = cli(['run', spec, '--run-id', 'first'], dir);
  const runDir = path.join(dir, 'out', 'first');

  it('exits 0, reports progress on stderr and the results folder on stdout', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`results: ${path.join('out', 'first')}`);
    expect(run.stderr).toMatch(/units: 10\/10/); // 2 targets x (4 intra folds + 1 cross)
  });

  it('writes the spec copy, environment, per-sequence predictions and metrics', () => {
    for (const file of ['spec.json', 'environment.json', 'predictions.csv', 'metrics.json', 'metrics.csv']) {
      expect(fs.existsSync(path.join(runDir, file))).toBe(true);
    }
    const environment = JSON.parse(fs.readFileSync(path.join(runDir, 'environment.json'), 'utf8'));
    expect(environment).toMatchObject({ seed: 3, node: process.version, backend: expect.stringMatching(/wasm|cpu|tensorflow/) });
    const copied = JSON.parse(fs.readFileSync(path.join(runDir, 'spec.json'), 'utf8'));
    expect(copied.regressor).toEqual({ id: 'ridge', options: { lambda: 1e-3 } }); // with defaults filled
    const lines = fs.readFileSync(path.join(runDir, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('target,source,condition,repetition,fold,sequence,time,arousal_gold,arousal_pred,valence_gold,valence_pred');
    // 20 s sequences -> 20 windows each; intra predicts each of 4 sequences once, cross all 4: 8 per target.
    expect(lines.length - 1).toBe(2 * 8 * 20);
  });

  it('recovers the known linear coding of arousal within a domain (r > 0.99) with finite metrics', () => {
    const metrics = JSON.parse(fs.readFileSync(path.join(runDir, 'metrics.json'), 'utf8'));
    for (const s of metrics.summary) expect(Number.isFinite(s.mean)).toBe(true);
    const pick = (target: string, condition: string, metric: string) =>
      metrics.summary.find(
        (s: Record<string, unknown>) =>
          s.target === target && s.condition === condition && s.dimension === 'arousal' && s.metric === metric && s.aggregation === 'per-sequence',
      ).mean;
    for (const domain of ['music', 'speech']) {
      expect(pick(domain, 'intra', 'pearson')).toBeGreaterThan(0.99);
      expect(pick(domain, 'intra', 'rmse')).toBeLessThan(0.05);
    }
    // Across domains the level is coded with another slope: correlation survives, concordance does not.
    expect(pick('music', 'cross', 'pearson')).toBeGreaterThan(0.99);
    expect(pick('music', 'cross', 'ccc')).toBeLessThan(0.9);
  });

  it('recomputes nothing on a rerun: features come from the cache and the metrics are identical', () => {
    const cacheFiles = () => (fs.readdirSync(path.join(dir, 'cache', 'features'), { recursive: true }) as string[]).filter((f) => f.endsWith('.bin'));
    const before = cacheFiles().map((f) => fs.statSync(path.join(dir, 'cache', 'features', f)).mtimeMs);
    expect(before.length).toBe(2 * (4 + 2)); // labelled + unlabelled per domain
    const again = cli(['run', spec, '--run-id', 'second', '--quiet'], dir);
    expect(again.status).toBe(0);
    expect(cacheFiles().map((f) => fs.statSync(path.join(dir, 'cache', 'features', f)).mtimeMs)).toEqual(before);
    const read = (id: string) => JSON.parse(fs.readFileSync(path.join(dir, 'out', id, 'metrics.json'), 'utf8')).summary;
    expect(read('second')).toEqual(read('first'));
  });

  it('refuses to overwrite an existing run', () => {
    const again = cli(['run', spec, '--run-id', 'first', '--quiet'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/exists already; use --resume first/);
  });
});

describe('emotrans CLI exit codes and messages', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-cli-'));

  it('validate: 0 for a good spec, 2 naming the field for a bad one', () => {
    const good = writeSpec(dir, { corpora: { music: { id: 'toy' }, speech: { id: 'toy', options: { domain: 'speech' } } }, features: { id: 'simple' }, regressor: { id: 'ridge' } });
    expect(cli(['validate', good], dir)).toMatchObject({ status: 0, stdout: `${good}: valid\n` });
    const bad = writeSpec(dir, { corpora: { music: { id: 'toy' }, speech: { id: 'toy' } }, features: { id: 'simple' }, regressor: { id: 'forest' } });
    const result = cli(['validate', bad], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("regressor.id: unknown regressor 'forest', expected one of");
    expect(result.stderr).toContain('ridge');
  });

  it('run: 2 for a missing spec file, an unknown plugin, or a usage error', () => {
    expect(cli(['run', 'missing.json'], dir)).toMatchObject({ status: 2, stderr: expect.stringContaining('missing.json: cannot read spec (ENOENT)') });
    expect(cli(['run', 'x.json', '--plugin', 'emotrans-plugin-nope'], dir).status).toBe(2);
    expect(cli(['fly'], dir)).toMatchObject({ status: 2, stderr: expect.stringContaining('Unknown argument: fly') });
  });

  it('list shows every kind with ids and options; --help documents the commands', () => {
    const listed = cli(['list'], dir);
    expect(listed.status).toBe(0);
    for (const kind of ['corpus', 'features', 'transfer', 'regressor', 'metric']) expect(listed.stdout).toMatch(new RegExp(`^${kind}$`, 'm'));
    expect(listed.stdout).toMatch(/ridge\s+Ridge regression/);
    expect(listed.stdout).toMatch(/lambda: number = 0\.001/);
    const help = cli(['--help'], dir);
    expect(help.status).toBe(0);
    for (const command of ['run <spec>', 'validate <spec>', 'list']) expect(help.stdout).toContain(command);
  });
});
