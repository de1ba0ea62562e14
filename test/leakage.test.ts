/**
 * No information from a test sequence reaches training: not the regressor's training or validation data,
 * not the standardisation statistics, not the transfer method's fit. Every feature row carries its
 * sequence's marker value (test/fixtures/experiment-marker-plugins.ts), so the spies can tell exactly
 * which sequences they were shown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContainer, registryOf, runExperiment, validateSpecContributions, validateSpecShape, type RunResult } from '@emotrans/core';
import { containerModule as metrics } from '@emotrans/plugin-metrics';
import { containerModule as transferBasic } from '@emotrans/plugin-transfer-basic';
import { MARKER_CORPORA, spyContributions, type SpyLog } from './fixtures/experiment-marker-plugins';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-leakage-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const markers = (domain: string, kind: 'labelled' | 'unlabelled') => MARKER_CORPORA[domain][kind].map((s) => s.marker);
const groupOf = (marker: number) => Object.values(MARKER_CORPORA).flatMap((c) => [...c.labelled, ...c.unlabelled]).find((s) => s.marker === marker)!.group;
const unique = (values: number[]) => [...new Set(values.map((v) => Math.round(v * 1e4) / 1e4))].sort((a, b) => a - b);

async function run(name: string, protocol: Record<string, unknown>): Promise<{ log: SpyLog; result: RunResult }> {
  const log: SpyLog = { regressor: [], transfer: [] };
  const registry = registryOf(createContainer([spyContributions(log), metrics, transferBasic]));
  const spec = validateSpecShape({
    name,
    seed: 5,
    corpora: { music: { id: 'marker', options: { domain: 'music' } }, speech: { id: 'marker', options: { domain: 'speech' } } },
    features: { id: 'marker' },
    transfer: [{ id: 'none' }, { id: 'spy-transfer' }],
    regressor: { id: 'spy' },
    metrics: ['rmse', 'pearson', 'ccc'],
    protocol,
    output: path.join(work, 'results'),
    cacheDir: path.join(work, 'cache'),
  });
  validateSpecContributions(spec, registry);
  const result = await runExperiment(spec, registry, { runId: name, report: { images: false, resamples: 50 } });
  return { log, result };
}

describe.each([
  ['loso', { cv: { scheme: 'loso', validationFraction: 0.3 } }],
  ['kfold', { cv: { scheme: 'kfold', folds: 2, validationFraction: 0.3 } }],
])('%s: test sequences stay out of training', (scheme, protocol) => {
  let outcome: { log: SpyLog; result: RunResult };
  beforeAll(async () => {
    outcome = await run(`raw-${scheme}`, { ...protocol, normalise: 'none' });
  });

  it('fits one regressor per unit, in plan order', () => {
    expect(outcome.log.regressor).toHaveLength(outcome.result.units.length);
  });

  it('the regressor never sees a test marker in its training or validation data, and predicts exactly the test sequences', () => {
    outcome.result.units.forEach((unit, i) => {
      const call = outcome.log.regressor[i];
      const testMarkers = unique(unit.predictions.map((p) => Number(p.sequence.slice(1))));
      const seen = unique([...call.trainValues, ...call.validationValues]);
      expect(seen.filter((v) => testMarkers.includes(v))).toEqual([]);
      expect(unique(call.predictedValues)).toEqual(testMarkers);
      // Training uses everything else of the source domain: intra = the target's other sequences.
      const sourceMarkers = markers(unit.source, 'labelled').filter((m) => !testMarkers.includes(m));
      expect(seen).toEqual(sourceMarkers);
    });
  });

  it('the inner split holds out whole groups, never a test group, and leaves groups whole', () => {
    outcome.result.units.forEach((unit, i) => {
      const call = outcome.log.regressor[i];
      const groups = (ids: string[]) => new Set(ids.map((id) => groupOf(Number(id.slice(1)))));
      const train = groups(call.trainIds);
      const validation = groups(call.validationIds);
      const test = groups(unit.predictions.map((p) => p.sequence));
      expect(call.validationIds.length).toBeGreaterThan(0);
      expect([...validation].filter((g) => train.has(g))).toEqual([]);
      if (unit.condition === 'intra') expect([...test].filter((g) => train.has(g) || validation.has(g))).toEqual([]);
    });
  });

  it('intra test folds cover every target sequence exactly once per repetition', () => {
    for (const target of ['music', 'speech']) {
      const tested = outcome.result.units.filter((u) => u.target === target && u.condition === 'intra').flatMap((u) => u.predictions.map((p) => p.sequence));
      expect(tested.sort()).toEqual(markers(target, 'labelled').map((m) => `m${m}`).sort());
    }
  });

  it('the transfer method is fitted on source training sequences and the target unlabelled pool only', () => {
    const transferUnits = outcome.result.units.filter((u) => u.condition === 'cross+spy-transfer');
    expect(transferUnits).toHaveLength(2);
    expect(outcome.log.transfer).toHaveLength(2);
    transferUnits.forEach((unit, i) => {
      const call = outcome.log.transfer[i];
      const testMarkers = unit.predictions.map((p) => Number(p.sequence.slice(1)));
      expect(unique(call.target)).toEqual(markers(unit.target, 'unlabelled'));
      expect(unique(call.source).every((v) => markers(unit.source, 'labelled').includes(v))).toBe(true);
      expect(unique([...call.source, ...call.target]).filter((v) => testMarkers.includes(v))).toEqual([]);
      // Test sequences are transformed as target data, training sequences as source data.
      const transformedTargets = unique(call.transformed.filter((t) => t.role === 'target').flatMap((t) => t.values));
      expect(transformedTargets).toEqual(unique(testMarkers));
    });
  });
});

describe('normalisation statistics come from the fitting sequences only', () => {
  let outcome: { log: SpyLog; result: RunResult };
  beforeAll(async () => {
    outcome = await run('zscore', { cv: { scheme: 'loso', validationFraction: 0.3 }, normalise: 'train' });
  });

  it('the regressor training rows have mean 0 and variance 1 (or are all 0 for one sequence)', () => {
    // Were test (or validation) rows part of the statistics, the training rows alone would not be centred.
    outcome.log.regressor.forEach((call) => {
      const v = call.trainValues;
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      if (unique(v).length > 1) expect(variance).toBeCloseTo(1, 4);
      else expect(unique(v)).toEqual([0]);
    });
  });

  it('test features are mapped with the training statistics: marker order is kept and test markers differ from every training value', () => {
    outcome.result.units.forEach((unit, i) => {
      const call = outcome.log.regressor[i];
      const seen = new Set(unique([...call.trainValues, ...call.validationValues]));
      expect(unique(call.predictedValues).filter((v) => seen.has(v))).toEqual([]);
    });
  });
});
