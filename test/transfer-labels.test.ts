/**
 * One transfer method listed twice with different options: each entry is its own condition when labelled,
 * and `validate` refuses the spec (exit 2, naming both entries) when they would share one condition.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession, readSpecFile, runExperiment, validateSpecContributions } from '@emotrans/core';

const cli = path.resolve(__dirname, '..', 'packages', 'core', 'bin', 'emotrans.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-labels-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const toy = (domain: string) => ({ id: 'toy', options: { domain, sequences: 3, unlabelled: 2, seconds: 8 } });
function writeSpec(name: string, labels: [string?, string?]): string {
  const dae = (hidden: number, label?: string) => ({ id: 'dae', options: { hidden: [hidden], epochs: 2 }, ...(label ? { label } : {}) });
  const file = path.join(work, `${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      name,
      seed: 5,
      corpora: { music: toy('music'), speech: toy('speech') },
      features: { id: 'simple' },
      transfer: [{ id: 'none' }, dae(4, labels[0]), dae(8, labels[1])],
      regressor: { id: 'ridge' },
      protocol: { conditions: ['cross'] },
      output: path.join(work, 'results'),
      cacheDir: path.join(work, 'cache'),
    }),
  );
  return file;
}

describe('labelled transfer entries', () => {
  it('without labels, validate exits 2 naming both dae entries', () => {
    const file = writeSpec('unlabelled', []);
    const result = spawnSync(process.execPath, [cli, 'validate', file], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain(`transfer[1] ("dae") and transfer[2] ("dae") both give condition 'cross+dae'`);
  });

  it('with labels, two dae conditions with their own predictions (as many rows as direct transfer each)', async () => {
    const file = writeSpec('labelled', ['dae-4', 'dae-8']);
    const spec = readSpecFile(file);
    const session = createSession({ plugins: spec.plugins });
    validateSpecContributions(spec, session.registry, file);
    const result = await runExperiment(spec, session.registry, { runId: 'r', report: { images: false, resamples: 20 } });
    const rows = fs.readFileSync(path.join(work, 'results', 'r', 'predictions.csv'), 'utf8').trim().split('\n').slice(1);
    const perCondition = new Map<string, number>();
    for (const row of rows) perCondition.set(row.split(',')[2], (perCondition.get(row.split(',')[2]) ?? 0) + 1);
    expect([...perCondition.keys()].sort()).toEqual(['cross', 'cross+dae-4', 'cross+dae-8']);
    expect(perCondition.get('cross+dae-4')).toBe(perCondition.get('cross'));
    expect(perCondition.get('cross+dae-8')).toBe(perCondition.get('cross'));
    // Different hidden sizes, different models: the two conditions do not predict the same.
    const predicted = (condition: string) => result.units.filter((u) => u.condition === condition).flatMap((u) => u.predictions.flatMap((p) => Array.from(p.predicted.arousal)));
    expect(predicted('cross+dae-4')).not.toEqual(predicted('cross+dae-8'));
  });
});
