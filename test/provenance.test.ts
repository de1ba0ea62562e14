/**
 * Provenance of the contributions a run uses (environment.json), `--resume` refusing when a plugin's code
 * changed, and a contribution defined in this process (a notebook cell) with --jobs 2 and with a queue.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BadInputError, contribute, createSession, queueDispatcher, runExperiment, validateSpecContributions, validateSpecShape, withData, type TransferMethod } from '@emotrans/core';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'packages', 'core', 'bin', 'emotrans.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-provenance-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const corpora = {
  music: { id: 'toy', options: { domain: 'music', sequences: 3, unlabelled: 2, seconds: 8 } },
  speech: { id: 'toy', options: { domain: 'speech', sequences: 3, unlabelled: 2, seconds: 8 } },
};

describe('provenance and resume', () => {
  // A plugin outside the repository: its entry requires a second local file, both part of its code hash.
  const plugin = path.join(work, 'shift-plugin');
  const manifest = { id: 'shift', description: 'adds a constant to target features', version: '1', options: { type: 'object', properties: {} } };
  fs.mkdirSync(plugin);
  fs.writeFileSync(
    path.join(plugin, 'package.json'),
    JSON.stringify({ name: 'emotrans-plugin-shift', version: '2.0.1', main: 'index.js', engines: { emotrans: '^0.1.0' }, emotrans: { plugin: true }, contributes: { transfer: [manifest] } }),
  );
  fs.writeFileSync(path.join(plugin, 'amount.js'), 'module.exports = 0.5;\n');
  fs.writeFileSync(
    path.join(plugin, 'index.js'),
    `const { contribute, withData } = require('@emotrans/api');
     const amount = require('./amount');
     exports.containerModule = contribute({
       manifest: ${JSON.stringify({ ...manifest, kind: 'transfer' })},
       async fit() { return { transform: (m, role) => (role === 'target' ? withData(m, m.data.map((v) => v + amount)) : m) }; },
     });\n`,
  );
  const specFile = path.join(work, 'spec.json');
  fs.writeFileSync(
    specFile,
    JSON.stringify({
      name: 'provenance',
      corpora,
      features: { id: 'simple' },
      transfer: [{ id: 'none' }, { id: 'shift' }],
      regressor: { id: 'ridge' },
      protocol: { conditions: ['cross'] },
      plugins: ['./shift-plugin'],
      output: path.join(work, 'results'),
      cacheDir: path.join(work, 'cache'),
    }),
  );
  const run = (...extra: string[]) => spawnSync(process.execPath, [cli, 'run', specFile, '--quiet', '--no-images', '--jobs', '1', ...extra], { encoding: 'utf8' });

  it('environment.json records kind, id, manifest version, package name and version and code hashes of every contribution', () => {
    const result = run('--run-id', 'a');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const environment = JSON.parse(fs.readFileSync(path.join(work, 'results', 'a', 'environment.json'), 'utf8'));
    const shift = environment.contributions.find((c: { id: string }) => c.id === 'shift');
    expect(shift).toMatchObject({ kind: 'transfer', id: 'shift', version: '1', package: 'emotrans-plugin-shift', packageVersion: '2.0.1', location: plugin });
    expect(Object.keys(shift.files)).toEqual(['index.js', 'amount.js']);
    expect(shift.entryHash).toMatch(/^[0-9a-f]{64}$/);
    const kinds = environment.contributions.map((c: { kind: string; id: string }) => `${c.kind}/${c.id}`);
    expect(kinds).toEqual(expect.arrayContaining(['corpus/toy', 'features/simple', 'transfer/none', 'regressor/ridge', 'metric/rmse']));
    expect(environment.contributions.find((c: { id: string }) => c.id === 'ridge')).toMatchObject({ package: '@emotrans/plugin-ridge', packageVersion: '0.1.0' });
  });

  it('--resume after editing a file of the plugin exits 2 naming the file; unchanged, it resumes', () => {
    // With the same code a resume goes through (nothing left to run).
    expect(run('--resume', 'a').status).toBe(0);
    fs.appendFileSync(path.join(plugin, 'amount.js'), '// tuned\n');
    const result = run('--resume', 'a');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(path.join(work, 'results', 'a', 'environment.json'));
    expect(result.stderr).toContain(`transfer 'shift': code changed: ${path.join(plugin, 'amount.js')} edited`);
    fs.appendFileSync(path.join(plugin, 'index.js'), '// entry edited too\n');
    expect(run('--resume', 'a').stderr).toContain(`${path.join(plugin, 'index.js')} edited`);
  });
});

describe('a contribution defined in this process (a notebook cell): --jobs 2 and a queue', () => {
  const negate: TransferMethod = {
    manifest: { id: 'negate', kind: 'transfer', description: 'negates target features', options: { type: 'object', properties: {} } },
    async fit() {
      return { transform: (m, role) => (role === 'target' ? withData(m, m.data.map((v) => -v)) : m) };
    },
  };
  const specOf = (name: string) => {
    const spec = validateSpecShape({ name, corpora, features: { id: 'simple' }, transfer: [{ id: 'none' }, { id: 'negate' }], regressor: { id: 'ridge' }, output: path.join(work, 'nb'), cacheDir: path.join(work, 'cache') });
    return spec;
  };

  it('runs its units in this thread, says why before any unit runs, and matches the serial run', async () => {
    const session = createSession();
    session.container.load(contribute(negate));
    // Log lines and progress phases in the order they happen.
    const events: string[] = [];
    const parallelSpec = specOf('nb-parallel');
    validateSpecContributions(parallelSpec, session.registry);
    const parallel = await runExperiment(parallelSpec, session.registry, {
      runId: 'p',
      jobs: 2,
      log: (l) => events.push(l),
      progress: { begin: (what) => events.push(`begin ${what}`), tick() {}, end() {} },
      report: { images: false, resamples: 20 },
    });
    const message = events.findIndex((l) => l.includes("transfer 'negate' is defined in this process (e.g. a notebook cell), not in a plugin file, so worker threads cannot load it; running the units in this thread"));
    expect(message).toBeGreaterThanOrEqual(0);
    expect(message).toBeLessThan(events.indexOf('begin units'));
    expect(events.some((l) => /running \d+ units on \d+ worker threads/.test(l))).toBe(false);
    const environment = JSON.parse(fs.readFileSync(path.join(parallel.runDir, 'environment.json'), 'utf8'));
    expect(environment.contributions.find((c: { id: string }) => c.id === 'negate')).toEqual({ kind: 'transfer', id: 'negate', inProcess: true });

    const serialSpec = specOf('nb-serial');
    validateSpecContributions(serialSpec, session.registry);
    const serial = await runExperiment(serialSpec, session.registry, { runId: 's', report: { images: false, resamples: 20 } });
    expect(parallel.summary.map((s) => s.condition)).toContain('cross+negate');
    expect(parallel.summary).toEqual(serial.summary);
  });

  it('a distributed run refuses it before any feature is extracted or job enqueued, saying why', async () => {
    const session = createSession();
    session.container.load(contribute(negate));
    const spec = specOf('nb-queue');
    validateSpecContributions(spec, session.registry);
    const phases: string[] = [];
    // Nothing listens on port 1: the refusal must come before the dispatcher connects anywhere.
    const run = runExperiment(spec, session.registry, {
      runId: 'q',
      dispatcher: queueDispatcher({ url: 'redis://127.0.0.1:1' }),
      progress: { begin: (what) => phases.push(what), tick() {}, end() {} },
      report: { images: false },
    });
    await expect(run).rejects.toThrow(BadInputError);
    await expect(run).rejects.toThrow(
      "BullMQ queue 'emotrans-units' on redis://127.0.0.1:1: transfer 'negate' is defined in this process (e.g. a notebook cell), not in a plugin file, " +
        'so the workers of a distributed run cannot load it; put it in a plugin file (docs/plugins.md) loaded here and by the workers, or run without the queue',
    );
    expect(phases).toEqual([]);
    expect(fs.existsSync(path.join(work, 'nb', 'q', 'spec.json'))).toBe(false);
  });
});
