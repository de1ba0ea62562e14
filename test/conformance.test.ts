/**
 * The conformance kit over every plugin that ships (as CI runs it), and over a deliberately broken plugin
 * whose every problem `emotrans check` must name.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkContribution, checkPlugin, encodeWav16, formatFinding, type CheckOptions } from '@emotrans/core';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'packages', 'core', 'bin', 'emotrans.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-conformance-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A tiny folder corpus (the generic layout) so the folder loader's behaviour is checked too. */
function folderCorpus(): string {
  const dir = path.join(work, 'folder-corpus');
  fs.mkdirSync(path.join(dir, 'audio'), { recursive: true });
  for (const take of ['a', 'b']) {
    const samples = Float32Array.from({ length: 3000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 100 * i) / 1000));
    fs.writeFileSync(path.join(dir, 'audio', `${take}.wav`), encodeWav16(samples, 1000));
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ domain: 'speech', scale: [-1, 1], annotations: 'labels.csv', audio: 'audio' }));
  fs.writeFileSync(path.join(dir, 'labels.csv'), 'file,time,arousal,valence\na,0,0.1,0.2\na,1,0.3,0.1\nb,0,-0.2,0.4\nb,1,0,0\n');
  return dir;
}

// Smaller models and corpora than the defaults, so the whole kit runs in seconds; behaviour is the same code.
const small: Record<string, CheckOptions> = {
  'regressor/lstm': { options: { units: [4], epochs: 2, chunkLength: 10 } },
  'regressor/blstm': { options: { units: [4], epochs: 2, chunkLength: 10 } },
  'transfer/dae': { options: { hidden: [4], epochs: 3 } },
  'corpus/emotrans-synth': { options: { sequences: 2, unlabelled: 1, minSeconds: 5, maxSeconds: 6, speakers: 2 } },
  'corpus/toy': { options: { sequences: 2, unlabelled: 1, seconds: 4 } },
};
const knownAnswers: Record<string, CheckOptions['knownAnswers']> = {
  pearson: [{ truth: [1, 2, 3, 4], prediction: [2, 4, 6, 8], expected: 1 }, { truth: [1, 2, 3], prediction: [3, 2, 1], expected: -1 }],
  ccc: [{ truth: [1, 2, 3], prediction: [1, 2, 3], expected: 1 }, { truth: [1, 2, 3], prediction: [2, 3, 4], expected: 4 / 7 }],
  rmse: [{ truth: [0, 0], prediction: [3, 4], expected: Math.sqrt(12.5) }],
};

const shipped = [
  ...fs.readdirSync(path.join(root, 'packages', 'plugins')).map((p) => path.join(root, 'packages', 'plugins', p)),
  path.join(root, 'examples', 'plugins', 'mean-shift'),
];

describe('conformance kit', () => {
  it.each(shipped.map((p) => [path.relative(root, p), p]))('%s conforms', async (_name, plugin) => {
    const perContribution = { ...small, 'corpus/folder': { options: { dir: folderCorpus() } } };
    const result = await checkPlugin(plugin, { perContribution });
    const findings = [...result.findings, ...result.reports.flatMap((r) => r.findings)].map(formatFinding);
    expect(findings).toEqual([]);
    expect(result.reports.length).toBeGreaterThan(0);
    for (const report of result.reports) expect(report.passed.length).toBeGreaterThanOrEqual(5);
  });

  it('metrics give their known answers on test vectors', async () => {
    const { contributionsOfModule, requirePluginModule } = await import('@emotrans/core');
    const metrics = contributionsOfModule(requirePluginModule(path.join(root, 'packages', 'plugins', 'metrics')).module);
    for (const metric of metrics) {
      const report = await checkContribution(metric, { knownAnswers: knownAnswers[metric.manifest.id] });
      expect(report.findings).toEqual([]);
      expect(report.passed).toEqual(expect.arrayContaining(['known answer 1', 'direction']));
    }
    // A wrong expectation is reported with what was seen.
    const wrong = await checkContribution(metrics.find((m) => m.manifest.id === 'rmse')!, { knownAnswers: [{ truth: [0, 0], prediction: [3, 4], expected: 5 }] });
    expect(wrong.findings.map(formatFinding)).toEqual(["metric 'rmse': known answer 1: score([0,0], [3,4]) = 3.5355339059327378, expected 5"]);
  });

  it('emotrans check names each problem of a broken plugin: no fit, NaN output, mutated input, no higherIsBetter, a stream unlike extract', () => {
    const result = spawnSync(process.execPath, [cli, 'check', path.join(__dirname, 'fixtures', 'broken-plugin')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("✗ transfer 'no-fit': required methods: fit is missing");
    expect(result.stdout).toContain("✗ transfer 'nan-output': finite output: transform(…, 'target'): row 0 column f0 is NaN");
    expect(result.stdout).toContain("✗ regressor 'mutates-input': inputs not mutated: fit or predict changed the sequences (or options) it was given");
    expect(result.stdout).toContain("✗ metric 'no-direction': higherIsBetter declared: manifest.higherIsBetter is undefined");
    expect(result.stdout).toContain("✗ features 'keeps-blocks': stream equals extract: the rows streamed in blocks of 997 samples (6) differ from extract's (6)");
    expect(result.stdout).toContain('static manifest: package.json has no "contributes"');
    expect(result.stdout).toMatch(/6 problem\(s\)/);
  });
});
