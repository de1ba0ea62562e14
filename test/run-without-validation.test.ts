/**
 * A notebook or script may call runExperiment on a spec it only shape-checked: the run fills the
 * contributions' option defaults itself (as the CLI does) and refuses bad options with the field named,
 * instead of building a corpus from missing options.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BadInputError, createSession, runExperiment, validateSpecShape } from '@emotrans/core';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-direct-run-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const session = createSession();

const specWith = (synthOptions: Record<string, unknown>) =>
  validateSpecShape({
    name: 'direct',
    seed: 3,
    corpora: {
      music: { id: 'emotrans-synth', options: { ...synthOptions, domain: 'music' } },
      speech: { id: 'emotrans-synth', options: { ...synthOptions, domain: 'speech', speakers: 2 } },
    },
    features: { id: 'simple' },
    transfer: [{ id: 'none' }],
    regressor: { id: 'ridge', options: { lambda: 1 } },
    metrics: ['ccc'],
    protocol: { conditions: ['intra'], cv: { scheme: 'loso' } },
    output: path.join(work, 'runs'),
    cacheDir: path.join(work, 'cache'),
  });

describe('runExperiment on a spec the caller did not validate', () => {
  it('fills option defaults (sample rate, lag...) and runs', async () => {
    const spec = specWith({ seed: 5, sequences: 4, unlabelled: 0, minSeconds: 8, maxSeconds: 10 });
    const result = await runExperiment(spec, session.registry, { runId: 'r', report: { images: false, resamples: 20 } });
    const written = JSON.parse(fs.readFileSync(path.join(result.runDir, 'spec.json'), 'utf8'));
    expect(written.corpora.music.options.sampleRate).toBeGreaterThan(0);
    expect(result.scores.length).toBeGreaterThan(0);
    for (const score of result.scores) expect(Number.isFinite(score.value)).toBe(true);
  }, 60000);

  it('refuses a bad option naming the field', async () => {
    const spec = specWith({ seed: 5, sequences: -1 });
    await expect(runExperiment(spec, session.registry, { runId: 'bad' })).rejects.toThrow(BadInputError);
    await expect(runExperiment(spec, session.registry, { runId: 'bad' })).rejects.toThrow(/corpora\.music\.options\.sequences/);
  });
});
