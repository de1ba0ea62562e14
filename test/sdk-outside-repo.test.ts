/**
 * A researcher's path, outside this repository: the CLI installed the documented way (a global link of
 * packages/core), `emotrans new transfer subspace-align`, `npm install` of the API package, a strict
 * `tsc --noEmit` without skipLibCheck, a real method filled in (subspace alignment, Fernando et al. 2013),
 * `emotrans check`, and an experiment whose results hold a `cross+subspace-align` condition. No registry
 * is contacted (npm --offline; the API package is a folder dependency).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-sdk-')));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const prefix = path.join(work, 'global');
const plugin = path.join(work, 'subspace-align');
const env = { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, EMOTRANS_CACHE: path.join(work, 'cache') };

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}
const ok = (result: SpawnSyncReturns<string>) => {
  if (result.status !== 0) throw new Error(`exit ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result;
};
const npm = (args: string[], cwd: string) => ok(sh('npm', [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], cwd));
const tsc = (cwd: string) => sh(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', cwd], cwd);

describe('a plugin written outside the repository', () => {
  beforeAll(() => {
    // docs/plugins.md: `npm link` in packages/core (here into a global prefix of the test's own).
    const linked = spawnSync('npm', ['link', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: path.join(root, 'packages', 'core'), env: { ...env, npm_config_prefix: prefix }, encoding: 'utf8' });
    if (linked.status !== 0) throw new Error(`npm link failed: ${linked.stderr}`);
  });

  it('emotrans is on PATH and scaffolds a transfer plugin that type-checks strictly with the API package installed', () => {
    expect(ok(sh('emotrans', ['--version'], work)).stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(root, 'packages', 'core', 'package.json'), 'utf8')).version);
    ok(sh('emotrans', ['new', 'transfer', 'subspace-align', '--dir', plugin], work));
    expect(fs.readdirSync(plugin).sort()).toEqual(['README.md', 'example-spec.json', 'index.ts', 'package.json', 'test', 'tsconfig.json']);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(plugin, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.strict).toBe(true);
    expect(tsconfig.compilerOptions.skipLibCheck).toBeUndefined();
    npm(['install'], plugin);
    expect(fs.existsSync(path.join(plugin, 'node_modules', '@emotrans', 'api', 'dist', 'api.d.ts'))).toBe(true);
    const checked = tsc(plugin);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    // As scaffolded it already conforms.
    expect(ok(sh('emotrans', ['check', '.'], plugin)).stdout).toContain(`conforms: ${plugin}`);
  });

  it('with subspace alignment filled in: tsc passes, check passes, known answers hold, and an experiment has cross+subspace-align', async () => {
    const pkgFile = path.join(plugin, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    pkg.description = 'Subspace alignment (Fernando et al. 2013): PCA bases of source and target, source basis aligned to the target';
    pkg.contributes.transfer[0] = {
      ...pkg.contributes.transfer[0],
      description: pkg.description,
      options: { type: 'object', additionalProperties: false, properties: { dimensions: { type: 'integer', minimum: 1, default: 3, description: 'principal axes kept (at most the feature count)' } } },
    };
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
    fs.copyFileSync(path.join(__dirname, 'fixtures', 'subspace-align', 'index.ts'), path.join(plugin, 'index.ts'));
    const checked = tsc(plugin);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    const check = ok(sh('emotrans', ['check', '.'], plugin));
    expect(check.stdout).toContain("✓ transfer 'subspace-align': 14 checks passed");

    // Known answers: the target's outputs are its principal components (variances = its top eigenvalues,
    // uncorrelated); when both domains share one principal subspace, source and target map identically.
    const { subspaceAlign } = await import(path.join(plugin, 'index.ts'));
    const { createFeatureMatrix, createRandom, silentProgress } = await import('@emotrans/core');
    const random = createRandom(11);
    const rows = (n: number, axes: number[][], spreads: number[]) => {
      const d = axes[0].length;
      const data = new Float32Array(n * d);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) data[i * d + j] = 0.01 * random.normal();
        axes.forEach((axis, a) => {
          const z = spreads[a] * random.normal();
          for (let j = 0; j < d; j++) data[i * d + j] += z * axis[j];
        });
      }
      return createFeatureMatrix(['a', 'b', 'c', 'd'], 1, Float64Array.from({ length: n }, (_, i) => i), data);
    };
    const c = Math.cos(0.5);
    const s = Math.sin(0.5);
    const source = rows(4000, [[1, 0, 0, 0], [0, 1, 0, 0]], [3, 2]);
    const target = rows(4000, [[c, s, 0, 0], [-s, c, 0, 0]], [2.5, 1]); // same plane, other axes and spreads
    const context = { random: createRandom(1), cacheDir: work, progress: silentProgress, log: () => {}, tf: async () => ({ getBackend: () => 'none', memory: () => ({ numTensors: 0, numBytes: 0 }), ready: async () => {} }) };
    const fitted = await subspaceAlign.fit({ source: [source], target: [target] }, { dimensions: 2 }, context);
    const out = fitted.transform(target, 'target');
    expect(out.names).toEqual(['sa0', 'sa1']);
    const variance = (m: typeof out, j: number) => {
      let mean = 0;
      for (let i = 0; i < m.rows; i++) mean += m.data[i * m.cols + j] / m.rows;
      let v = 0;
      for (let i = 0; i < m.rows; i++) v += (m.data[i * m.cols + j] - mean) ** 2 / (m.rows - 1);
      return v;
    };
    expect(variance(out, 0)).toBeCloseTo(2.5 ** 2, 0);
    expect(variance(out, 1)).toBeCloseTo(1, 0);
    const probe = rows(50, [[1, 1, 0, 0]], [1]);
    const viaSource = fitted.transform(probe, 'source');
    const viaTarget = fitted.transform(probe, 'target');
    for (let i = 0; i < viaSource.data.length; i++) expect(viaSource.data[i]).toBeCloseTo(viaTarget.data[i], 1);

    const results = path.join(work, 'results');
    const run = ok(sh('emotrans', ['run', 'example-spec.json', '--no-images', '--quiet', '--jobs', '2', '--output', results, '--run-id', 'r'], plugin));
    expect(run.stdout).toMatch(/cross\+subspace-align \(speech\)/);
    const metrics = fs.readFileSync(path.join(results, 'r', 'metrics.csv'), 'utf8').trim().split('\n');
    const rowsOf = (condition: string) => metrics.filter((l) => l.split(',')[2] === condition);
    expect(rowsOf('cross+subspace-align').length).toBe(rowsOf('cross').length);
    expect(rowsOf('cross+subspace-align').length).toBeGreaterThan(0);
    for (const line of rowsOf('cross+subspace-align')) expect(Number.isFinite(Number(line.split(',')[7]))).toBe(true);
    const environment = JSON.parse(fs.readFileSync(path.join(results, 'r', 'environment.json'), 'utf8'));
    expect(environment.contributions.find((p: { id: string }) => p.id === 'subspace-align')).toMatchObject({ package: 'emotrans-plugin-subspace-align', location: plugin });
  });
});
