/**
 * The same spec and seed give identical metrics and predictions on the same backend — in one thread or
 * with units spread over worker threads — and another seed gives different ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession, runExperiment, validateSpecContributions, validateSpecShape, type ExperimentSpec } from '@emotrans/core';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-determinism-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const session = createSession();

function spec(seed: number, cache = 'cache'): ExperimentSpec {
  const validated = validateSpecShape({
    name: 'determinism',
    seed,
    corpora: { music: { id: 'toy', options: { domain: 'music', sequences: 3, seconds: 8 } }, speech: { id: 'toy', options: { domain: 'speech', sequences: 3, seconds: 8 } } },
    features: { id: 'simple' },
    transfer: [{ id: 'none' }],
    regressor: { id: 'ridge', options: { lambda: 0.01 } },
    metrics: ['rmse', 'pearson', 'ccc'],
    // k-fold shuffles groups and the inner split picks validation groups: both depend on the seed.
    protocol: { repetitions: 3, bestOf: 2, cv: { scheme: 'kfold', folds: 2, validationFraction: 0.5 } },
    output: path.join(work, 'results'),
    cacheDir: path.join(work, cache),
  });
  // Fills each contribution's option defaults, as the CLI does.
  validateSpecContributions(validated, session.registry);
  return validated;
}

const read = (runDir: string, file: string) => fs.readFileSync(path.join(runDir, file), 'utf8');

describe('determinism', () => {
  const runs: Record<string, string> = {};
  beforeAll(async () => {
    const options = { report: { images: false, resamples: 100 } };
    runs.first = (await runExperiment(spec(9), session.registry, { ...options, runId: 'first' })).runDir;
    runs.second = (await runExperiment(spec(9), session.registry, { ...options, runId: 'second' })).runDir;
    // A fresh cache: features are extracted on the worker threads too.
    runs.parallel = (await runExperiment(spec(9, 'fresh-cache'), session.registry, { ...options, runId: 'parallel', jobs: 2 })).runDir;
    runs.otherSeed = (await runExperiment(spec(10), session.registry, { ...options, runId: 'other-seed' })).runDir;
  });

  it('two runs with the same seed write identical metrics, predictions, tables and statistics', () => {
    for (const file of ['metrics.json', 'metrics.csv', 'predictions.csv', 'tables/paper-per-sequence-best.csv', 'statistics/statistics.json']) {
      expect(read(runs.second, file)).toBe(read(runs.first, file));
    }
  });

  it('features and units on two worker threads give the same results as one thread', () => {
    expect(fs.readdirSync(path.join(work, 'fresh-cache', 'features')).length).toBeGreaterThan(0);
    expect(read(runs.parallel, 'metrics.json')).toBe(read(runs.first, 'metrics.json'));
    expect(read(runs.parallel, 'predictions.csv')).toBe(read(runs.first, 'predictions.csv'));
  });

  it('another seed changes the folds and so the predictions', () => {
    expect(read(runs.otherSeed, 'predictions.csv')).not.toBe(read(runs.first, 'predictions.csv'));
  });

  it('the repetitions really differ, so the best-k mean is not the plain mean', () => {
    const { summary } = JSON.parse(read(runs.first, 'metrics.json')) as { summary: { mean: number; std: number; bestOf: { k: number; mean: number } }[] };
    expect(summary.some((s) => s.std > 0 && s.bestOf.mean !== s.mean)).toBe(true);
  });
});
