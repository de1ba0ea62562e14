import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BadInputError, discoverPluginFolders, loadPlugin } from '@emotrans/core';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(workspaceRoot, 'packages/core/bin/emotrans.js');

function cli(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: os.tmpdir() });
}

/** A temporary folder outside the workspace. */
function temporaryFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-plugin-'));
}

describe('plugin discovery and loading', () => {
  it('discovers the workspace plugins without the core importing any of them', () => {
    const names = discoverPluginFolders(workspaceRoot).map((dir) => path.basename(dir));
    expect(names).toEqual(expect.arrayContaining(['metrics', 'ridge', 'toy', 'transfer-basic']));
    const coreSources = fs.readdirSync(path.join(workspaceRoot, 'packages/core/src'), { recursive: true }) as string[];
    for (const file of coreSources.filter((f) => f.endsWith('.ts'))) {
      expect(fs.readFileSync(path.join(workspaceRoot, 'packages/core/src', file), 'utf8')).not.toMatch(/from '@emotrans\/plugin-/);
    }
  });

  // Plugins outside the workspace are loaded by a real node process (the CLI), since jest resolves modules its own way.
  it('loads a TypeScript transfer plugin from a folder outside the workspace and runs an experiment with it', () => {
    const dir = temporaryFolder();
    fs.writeFileSync(
      path.join(dir, 'index.ts'),
      `import { contribute, withData, type TransferMethod } from '@emotrans/core';
       const scale: TransferMethod = {
         manifest: { id: 'scale', kind: 'transfer', description: 'multiplies every feature by a factor',
                     options: { type: 'object', properties: { factor: { type: 'number', default: -1 } } } },
         async fit(_input, options) {
           const factor = (options as { factor: number }).factor;
           return { transform: (m) => withData(m, m.data.map((v) => v * factor)) };
         },
       };
       export const containerModule = contribute(scale);`,
    );
    const listed = cli(['list', '--json', '--plugin', dir]);
    expect(listed.status).toBe(0);
    const transfers = JSON.parse(listed.stdout).transfer.map((m: { id: string }) => m.id);
    expect(transfers).toEqual(expect.arrayContaining(['none', 'scale']));

    const spec = path.join(dir, 'spec.json');
    fs.writeFileSync(
      spec,
      JSON.stringify({
        name: 'outside',
        corpora: { music: { id: 'toy', options: { domain: 'music', sequences: 3 } }, speech: { id: 'toy', options: { domain: 'speech', sequences: 3 } } },
        features: { id: 'simple' },
        regressor: { id: 'ridge' },
        transfer: [{ id: 'none' }, { id: 'scale', options: { factor: 1 } }],
        protocol: { conditions: ['cross'] },
        plugins: ['.'],
        output: path.join(dir, 'results'),
        cacheDir: path.join(dir, 'cache'),
      }),
    );
    const run = cli(['run', spec, '--run-id', 'r', '--quiet']);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/error|fail/i) });
    const metrics = JSON.parse(fs.readFileSync(path.join(dir, 'results/r/metrics.json'), 'utf8'));
    const cell = (condition: string) =>
      metrics.summary.find((s: Record<string, string>) => s.target === 'music' && s.condition === condition && s.metric === 'rmse' && s.dimension === 'arousal' && s.aggregation === 'concatenated').mean;
    // factor 1 is the identity: the plugin's condition must equal direct transfer exactly.
    expect(cell('cross+scale')).toBe(cell('cross'));
  });

  it('loads a plain JavaScript plugin package by path (package.json main)', () => {
    const dir = temporaryFolder();
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'emotrans-plugin-half', main: 'lib/main.js' }));
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(
      path.join(dir, 'lib/main.js'),
      `const { contribute } = require('@emotrans/core');
       exports.containerModule = contribute({
         manifest: { id: 'half', kind: 'metric', description: 'half the absolute error', options: { type: 'object' }, higherIsBetter: false },
         score: (t, p) => Math.abs(t[0] - p[0]) / 2,
       });`,
    );
    const listed = cli(['list', '--plugin', dir]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/half\s+half the absolute error/);
    expect(listed.stdout).toContain('emotrans-plugin-half');
  });

  it('exits with code 2 and names an unknown plugin', () => {
    const listed = cli(['list', '--plugin', './no/such/plugin']);
    expect(listed.status).toBe(2);
    expect(listed.stderr).toMatch(/plugin path does not exist: .*no\/such\/plugin/);
  });

  it('names the problem for a missing plugin, a broken plugin, and one without a module', () => {
    expect(() => loadPlugin('./no/such/plugin')).toThrow(BadInputError);
    expect(() => loadPlugin('./no/such/plugin')).toThrow(/plugin path does not exist/);
    expect(() => loadPlugin('emotrans-plugin-that-is-not-installed')).toThrow(/plugin package 'emotrans-plugin-that-is-not-installed' is not installed/);
    const broken = temporaryFolder();
    fs.writeFileSync(path.join(broken, 'index.js'), 'throw new Error("boom at load");');
    expect(() => loadPlugin(broken)).toThrow(/index\.js: plugin failed to load: boom at load/);
    const empty = temporaryFolder();
    fs.writeFileSync(path.join(empty, 'index.js'), 'exports.somethingElse = 1;');
    expect(() => loadPlugin(empty)).toThrow(/does not export a ContainerModule/);
  });
});
