import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession, readSpecFile, validateSpecContributions, validateSpecShape } from '@emotrans/core';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const corpora = { music: { id: 'toy', options: { domain: 'music' } }, speech: { id: 'toy', options: { domain: 'speech' } } };

function problemsOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('experiment spec validation', () => {
  it('fills defaults: protocol fields from the schema, contributions from the manifests that say default', () => {
    const spec = validateSpecShape({ corpora });
    expect(spec.seed).toBe(1);
    // The schema names no plugin: these stay unset until the manifests are consulted.
    expect(spec.features).toBeUndefined();
    expect(spec.transfer).toBeUndefined();
    expect(spec.protocol.cv).toEqual({ scheme: 'loso', folds: 5, validationFraction: 0.2 });
    expect(spec.protocol.targets).toEqual(['music', 'speech']);
    validateSpecContributions(spec, createSession().registry);
    expect(spec.features.id).toBe('compare-1hz');
    expect(spec.regressor.id).toBe('lstm');
    expect(spec.transfer).toEqual([{ id: 'none', options: {}, condition: 'cross', direct: true }]);
    expect(spec.metrics).toEqual(['rmse', 'pearson', 'ccc']);
  });

  it('names conditions from labels; two entries under one condition are an error naming both', () => {
    const registry = createSession().registry;
    const dae = (hidden: number, label?: string) => ({ id: 'dae', options: { hidden: [hidden] }, ...(label ? { label } : {}) });
    const labelled = validateSpecShape({ corpora, features: { id: 'simple' }, transfer: [{ id: 'none' }, dae(8, 'dae-8'), dae(16, 'dae-16')] });
    validateSpecContributions(labelled, registry);
    expect(labelled.transfer.map((t) => t.condition)).toEqual(['cross', 'cross+dae-8', 'cross+dae-16']);
    const unlabelled = validateSpecShape({ corpora, features: { id: 'simple' }, transfer: [dae(8), { id: 'none' }, dae(16)] });
    const message = problemsOf(() => validateSpecContributions(unlabelled, registry, 'twice.json'));
    expect(message).toMatch(/^twice\.json: invalid experiment spec/);
    expect(message).toContain(`transfer[0] ("dae") and transfer[2] ("dae") both give condition 'cross+dae'`);
    expect(message).not.toContain('transfer[1]');
  });

  it('names each bad field, its value and what was expected', () => {
    const message = problemsOf(() =>
      validateSpecShape(
        {
          corpora: { ...corpora, film: { options: {} } },
          seed: -3,
          protocol: { cv: { scheme: 'leave-one-out', folds: 1 }, repetitions: 'ten' },
          regressor: { name: 'lstm' },
        },
        'bad.json',
      ),
    );
    expect(message).toMatch(/^bad\.json: invalid experiment spec/);
    expect(message).toContain('seed: got -3, expected a value that must be >= 0');
    expect(message).toContain('protocol.cv.scheme: got "leave-one-out", expected one of "loso", "kfold"');
    expect(message).toContain('protocol.cv.folds: got 1, expected a value that must be >= 2');
    expect(message).toContain('protocol.repetitions: got "ten", expected a value that must be integer');
    expect(message).toContain('corpora.film.id: missing; it is required');
    expect(message).toContain('regressor.name: unknown field (got "lstm")');
  });

  it('rejects a missing corpora field, a target without a corpus, and cross with one domain', () => {
    expect(problemsOf(() => validateSpecShape({}))).toContain('corpora: missing; it is required');
    expect(problemsOf(() => validateSpecShape({ corpora, protocol: { targets: ['film'] } }))).toContain(
      'protocol.targets: got ["film"], expected domains among the corpora: music, speech',
    );
    expect(problemsOf(() => validateSpecShape({ corpora: { music: corpora.music } }))).toContain('"cross" needs corpora of at least two domains');
  });

  it('checks ids and options against the registered contributions', () => {
    const { registry } = createSession({ baseDir: workspaceRoot });
    const spec = validateSpecShape({
      corpora,
      features: { id: 'simple', options: { window: -1 } },
      regressor: { id: 'ridge', options: { lambda: 'big' } },
      transfer: [{ id: 'none' }, { id: 'magic' }],
      metrics: ['pearson', 'kappa'],
    });
    const message = problemsOf(() => validateSpecContributions(spec, registry, 'exp.json'));
    expect(message).toContain("transfer[1].id: unknown transfer 'magic', expected one of");
    expect(message).toContain("metrics[1]: unknown metric 'kappa', expected one of ccc, pearson, rmse");
    expect(message).toContain('features.options.window: got -1, expected a value that must be > 0');
    expect(message).toContain('regressor.options.lambda: got "big", expected a value that must be number');
  });

  it('fills contribution option defaults', () => {
    const { registry } = createSession({ baseDir: workspaceRoot });
    const spec = validateSpecShape({ corpora, features: { id: 'simple' }, regressor: { id: 'ridge' } });
    validateSpecContributions(spec, registry);
    expect(spec.regressor.options).toEqual({ lambda: 1e-3 });
    expect(spec.corpora.music.options).toMatchObject({ domain: 'music', sequences: 6 });
  });

  it('names the file and line of a JSON syntax error', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spec-')), 'broken.json');
    fs.writeFileSync(file, '{\n  "corpora": {\n    "music": { "id": "toy", }\n  }\n}\n');
    expect(problemsOf(() => readSpecFile(file))).toMatch(/broken\.json: line 3: invalid JSON/);
    expect(problemsOf(() => readSpecFile(file + '.missing'))).toMatch(/broken\.json\.missing: cannot read spec \(ENOENT\)/);
  });
});
