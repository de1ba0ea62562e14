/**
 * Acceptance figure of the bundled corpus: emotrans-synth codes emotion with acoustic cues shared by its
 * music and its speech, so with the paper's features (compare-1hz) even a linear regressor (ridge) learns
 * arousal within each domain (r > 0.5) and carries part of it across domains (r > 0.3). The spec is
 * examples/paper-synth.json with fewer, shorter sequences. It runs through the CLI (runExperiment in a
 * child process): inside jest's sandbox the signal-processing loops run several times slower.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession } from '@emotrans/core';

const root = path.resolve(__dirname, '..');
const FEATURES = 'compare-1hz';
const haveFeatures = createSession().registry.has('features', FEATURES);

interface SummaryRow {
  target: string;
  source: string;
  condition: string;
  dimension: string;
  metric: string;
  aggregation: string;
  mean: number;
}

// compare-1hz lives in its own plugin; without it the figure cannot be measured.
(haveFeatures ? describe : describe.skip)('emotrans-synth acceptance (compare-1hz + ridge, leave-one-group-out)', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-synth-acceptance-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  let summary: SummaryRow[] = [];
  let environment: { datasets: Record<string, Record<string, unknown>> };

  beforeAll(() => {
    const example = JSON.parse(fs.readFileSync(path.join(root, 'examples/paper-synth.json'), 'utf8'));
    expect(example.features.id).toBe(FEATURES);
    expect(example.regressor.id).toBe('ridge');
    for (const domain of ['music', 'speech']) {
      Object.assign(example.corpora[domain].options, { sequences: 12, unlabelled: 0, minSeconds: 30, maxSeconds: 40 });
    }
    example.transfer = [{ id: 'none' }]; // the figure is about direct transfer
    const specFile = path.join(work, 'spec.json');
    fs.writeFileSync(specFile, JSON.stringify({ ...example, output: path.join(work, 'results'), cacheDir: path.join(work, 'cache') }));
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'packages/core/bin/emotrans.js'), 'run', specFile, '--run-id', 'acceptance', '--quiet', '--no-images', '--jobs', '1'],
      { encoding: 'utf8', cwd: work },
    );
    if (run.status !== 0) throw new Error(`emotrans run failed (${run.status}): ${run.stderr}`);
    const runDir = path.join(work, 'results', 'acceptance');
    summary = JSON.parse(fs.readFileSync(path.join(runDir, 'metrics.json'), 'utf8')).summary;
    environment = JSON.parse(fs.readFileSync(path.join(runDir, 'environment.json'), 'utf8'));
  }, 300_000); // about 40 s alone; generous for a loaded machine

  const pearson = (target: string, condition: 'intra' | 'cross') =>
    summary.find((s) => s.target === target && s.condition === condition && s.dimension === 'arousal' && s.metric === 'pearson' && s.aggregation === 'per-sequence')!
      .mean;

  it('learns arousal within each domain: r > 0.5', () => {
    expect(pearson('music', 'intra')).toBeGreaterThan(0.5);
    expect(pearson('speech', 'intra')).toBeGreaterThan(0.5);
  });

  it('transfers arousal across domains (trained on the other domain): r > 0.3', () => {
    expect(pearson('music', 'cross')).toBeGreaterThan(0.3);
    expect(pearson('speech', 'cross')).toBeGreaterThan(0.3);
  });

  it('used 12 sequences per domain, in 12 pieces and 6 speakers, labels at 1 Hz on [-1, 1]', () => {
    expect(environment.datasets.music).toMatchObject({ corpus: 'emotrans-synth', labelledSequences: 12, groups: 12, labelRate: 1, originalScale: [-1, 1] });
    expect(environment.datasets.speech).toMatchObject({ corpus: 'emotrans-synth', labelledSequences: 12, groups: 6, labelRate: 1 });
  });
});

if (!haveFeatures) {
  it.skip(`emotrans-synth acceptance: the '${FEATURES}' feature set is not registered`, () => {});
}
