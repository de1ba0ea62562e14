/** A unit failing on a worker thread fails the run with the unit named; the units finished before stay on disk. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession, runExperiment, RunFailure, validateSpecContributions, validateSpecShape } from '@emotrans/core';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-workers-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('reports the failing unit and keeps the finished ones', async () => {
  const plugin = path.join(__dirname, 'fixtures', 'runner-failing-regressor.js');
  const session = createSession({ plugins: [plugin] });
  const spec = validateSpecShape({
    name: 'failing',
    seed: 1,
    corpora: { speech: { id: 'toy', options: { domain: 'speech', sequences: 3, seconds: 6 } }, music: { id: 'toy', options: { domain: 'music', sequences: 3, seconds: 6 } } },
    features: { id: 'simple' },
    regressor: { id: 'failing-ridge' },
    protocol: { conditions: ['intra'], cv: { scheme: 'loso', validationFraction: 0 } },
    output: path.join(work, 'results'),
    cacheDir: path.join(work, 'cache'),
  });
  validateSpecContributions(spec, session.registry);
  const run = runExperiment(spec, session.registry, { runId: 'r', jobs: 2, workerPlugins: [plugin], report: { images: false } });
  await expect(run).rejects.toBeInstanceOf(RunFailure);
  await expect(run).rejects.toThrow(/unit music\/intra\/music\/f0\/r0: regressor 'failing-ridge' failed in fit: planned failure/);
  const files = fs.readdirSync(path.join(work, 'results', 'r', 'units'));
  expect(files).not.toContain('music__intra__music__f0__r0.json');
  // The speech units come first in the plan and cannot fail.
  expect(files.filter((f) => f.startsWith('speech__'))).toHaveLength(3);
  expect(fs.existsSync(path.join(work, 'results', 'r', 'metrics.json'))).toBe(false);
});
