/** A finished run read back from its folder gives the statistics the run itself wrote (notebook path). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyseRun, createSession, loadRun, runExperiment, validateSpecContributions, validateSpecShape } from '@emotrans/core';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-analyse-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('loadRun + analyseRun reproduce statistics/statistics.json', async () => {
  const session = createSession();
  const spec = validateSpecShape({
    name: 'analyse',
    seed: 12,
    corpora: { music: { id: 'toy', options: { domain: 'music', sequences: 3, seconds: 8 } }, speech: { id: 'toy', options: { domain: 'speech', sequences: 3, seconds: 8 } } },
    features: { id: 'simple' },
    regressor: { id: 'ridge' },
    transfer: [{ id: 'none' }],
    protocol: { repetitions: 2, bestOf: 1 },
    output: path.join(work, 'results'),
    cacheDir: path.join(work, 'cache'),
  });
  validateSpecContributions(spec, session.registry);
  const result = await runExperiment(spec, session.registry, { runId: 'r', report: { images: false, resamples: 300 } });
  const run = loadRun(result.runDir);
  expect(run.units).toHaveLength(result.units.length);
  expect(run.summary).toEqual(JSON.parse(JSON.stringify(result.summary)));
  const analysis = analyseRun(run, session.registry, { resamples: 300 });
  const written = JSON.parse(fs.readFileSync(path.join(result.runDir, 'statistics', 'statistics.json'), 'utf8'));
  expect(analysis.intervals).toHaveLength(written.intervals.length);
  analysis.intervals.forEach((interval, i) => {
    expect(interval.condition).toBe(written.intervals[i].condition);
    for (const field of ['mean', 'low', 'high'] as const) expect(interval[field]).toBeCloseTo(written.intervals[i][field], 10);
  });
  expect(analysis.comparisons.map((c) => c.pValue)).toEqual(written.comparisons.map((c: { pValue: number }) => c.pValue));
  expect(() => loadRun(path.join(work, 'nowhere'))).toThrow(/spec\.json/);
});
