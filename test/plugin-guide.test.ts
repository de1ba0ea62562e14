import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import {
  createFeatureMatrix,
  createRandom,
  createSession,
  loadTf,
  runExperiment,
  scaffoldPlugin,
  silentProgress,
  validateSpecContributions,
  validateSpecShape,
  type FeatureMatrix,
} from '@emotrans/core';

/** The tested example of docs/plugins.md: a transfer method outside the core, loaded by path. */
const pluginDir = path.resolve(__dirname, '..', 'examples', 'plugins', 'mean-shift');

function matrix(rows: number, means: number[], stds: number[], seed: number): FeatureMatrix {
  const random = createRandom(seed);
  const data = new Float32Array(rows * means.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < means.length; j++) data[i * means.length + j] = means[j] + stds[j] * random.normal();
  return createFeatureMatrix(
    means.map((_, j) => `f${j}`),
    1,
    Float64Array.from({ length: rows }, (_, i) => i),
    data,
  );
}

function columnMean(ms: readonly FeatureMatrix[], j: number): number {
  let s = 0;
  let n = 0;
  for (const m of ms) for (let i = 0; i < m.rows; i++, n++) s += m.data[i * m.cols + j];
  return s / n;
}

describe('docs/plugins.md scaffold section', () => {
  it("shows exactly the index.ts and the manifest that `emotrans new transfer my-method` writes", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-guide-scaffold-')), 'my-method');
    scaffoldPlugin('transfer', 'my-method', dir);
    const guide = fs.readFileSync(path.resolve(__dirname, '..', 'docs', 'plugins.md'), 'utf8');
    const block = /<!-- scaffold:index\.ts \(emotrans new transfer my-method\) -->\n```ts\n([\s\S]*?)```/.exec(guide);
    expect(block).not.toBeNull();
    expect(block![1]).toBe(fs.readFileSync(path.join(dir, 'index.ts'), 'utf8'));
    const shown = JSON.parse(/and the part of `package.json`[^\n]*\n\n```json\n([\s\S]*?)```/.exec(guide)![1]);
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(shown.contributes).toEqual(written.contributes);
    expect(shown.engines).toEqual(written.engines);
    expect(written.devDependencies['@emotrans/api']).toBe(`file:${path.resolve(__dirname, '..', 'packages', 'api')}`);
  });
});

describe('docs/plugins.md example: the mean-shift transfer plugin', () => {
  const session = createSession({ plugins: [pluginDir] });
  const context = { random: createRandom(1), cacheDir: os.tmpdir(), progress: silentProgress, log: () => {}, tf: () => loadTf() };

  it('type-checks under strict settings against @emotrans/api without skipLibCheck (the core only transpiles it)', () => {
    const program = ts.createProgram([path.join(pluginDir, 'index.ts')], {
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      types: [],
      lib: ['lib.es2022.d.ts'],
      skipLibCheck: false,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('is found by path and registered with its manifest', () => {
    expect(session.plugins.map((p) => p.name)).toContain('emotrans-plugin-mean-shift');
    const method = session.registry.get('transfer', 'mean-shift');
    expect(method.manifest.kind).toBe('transfer');
    expect(method.manifest.options).toMatchObject({ properties: { matchSpread: { default: false } } });
  });

  it("moves target columns to the source's means (and spreads), leaving source features alone", async () => {
    const source = [matrix(400, [0, 0, 0], [1, 1, 1], 1), matrix(400, [0, 0, 0], [1, 1, 1], 2)];
    const target = [matrix(800, [3, -2, 0.5], [2, 0.5, 1], 3)];
    const method = session.registry.get('transfer', 'mean-shift');
    const shifted = await method.fit({ source, target }, { matchSpread: false }, context);
    expect(shifted.transform(source[0], 'source')).toBe(source[0]);
    const moved = shifted.transform(target[0], 'target');
    for (let j = 0; j < 3; j++) expect(columnMean([moved], j)).toBeCloseTo(columnMean(source, j), 5);
    // Without matchSpread the differences between target rows are untouched.
    expect(moved.data[3] - moved.data[0]).toBeCloseTo(target[0].data[3] - target[0].data[0], 4);

    const scaled = (await method.fit({ source, target }, { matchSpread: true }, context)).transform(target[0], 'target');
    // Column 0 has std 2 in the target and about 1 in the source: differences shrink about twofold.
    const ratio = (scaled.data[3] - scaled.data[0]) / (target[0].data[3] - target[0].data[0]);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
  });

  it('runs in an experiment on the toy corpus: cross+mean-shift appears with finite metrics', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-plugin-guide-'));
    const spec = validateSpecShape({
      name: 'plugin-guide',
      seed: 7,
      corpora: {
        music: { id: 'toy', options: { domain: 'music', sequences: 3, unlabelled: 2, seconds: 10 } },
        speech: { id: 'toy', options: { domain: 'speech', sequences: 3, unlabelled: 2, seconds: 10 } },
      },
      features: { id: 'simple' },
      transfer: [{ id: 'none' }, { id: 'mean-shift' }],
      regressor: { id: 'ridge' },
      metrics: ['rmse', 'pearson', 'ccc'],
      protocol: { conditions: ['cross'] },
      output: dir,
      cacheDir: path.join(dir, 'cache'),
    });
    validateSpecContributions(spec, session.registry);
    expect(spec.transfer[1]).toMatchObject({ id: 'mean-shift', options: { matchSpread: false } });
    // No PNG/SVG figures (headless Chromium) and few bootstrap resamples: the test is about the plugin.
    const result = await runExperiment(spec, session.registry, { runId: 'r', report: { images: false, resamples: 50 } });
    const conditions = new Set(result.summary.map((s) => s.condition));
    expect(conditions).toEqual(new Set(['cross', 'cross+mean-shift']));
    const withPlugin = result.summary.filter((s) => s.condition === 'cross+mean-shift');
    expect(withPlugin.length).toBeGreaterThan(0);
    for (const s of withPlugin) expect(Number.isFinite(s.mean)).toBe(true);
    // The method changed what the regressor saw for the target domain (the toy domains differ in level).
    const predictions = (condition: string) =>
      result.units.filter((u) => u.condition === condition && u.target === 'music').flatMap((u) => u.predictions.flatMap((p) => Array.from(p.predicted.arousal)));
    expect(predictions('cross+mean-shift')).not.toEqual(predictions('cross'));
    expect(fs.existsSync(path.join(dir, 'r', 'metrics.csv'))).toBe(true);
  });
});
