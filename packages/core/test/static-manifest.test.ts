/**
 * Static plugin manifests (package.json `contributes`, `engines.emotrans`): `list` and `validate` read them
 * without running plugin code; the code is required only when a contribution is used, and must agree.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession, validateSpecContributions, validateSpecShape } from '@emotrans/core';

const bin = path.resolve(__dirname, '..', 'bin', 'emotrans.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-static-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: work });

const manifest = {
  id: 'flip',
  description: 'negates every feature',
  version: '1',
  options: { type: 'object', additionalProperties: false, properties: { factor: { type: 'number', default: -1 } } },
};

/** A plugin folder whose entry file writes `<dir>/executed` when it runs, then does `body`. */
function plugin(name: string, pkg: Record<string, unknown>, body: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.2.3', main: 'index.js', emotrans: { plugin: true }, ...pkg }));
  fs.writeFileSync(path.join(dir, 'index.js'), `require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, 'executed'))}, '');\n${body}`);
  return dir;
}
const executed = (dir: string) => fs.existsSync(path.join(dir, 'executed'));

// The core by path: jest resolves modules its own way, without the core's fallback for '@emotrans/core'.
const core = JSON.stringify(path.resolve(__dirname, '..', 'dist'));
const flipCode = (m: object) => `
  const { contribute, withData } = require(${core});
  exports.containerModule = contribute({
    manifest: ${JSON.stringify({ ...m, kind: 'transfer' })},
    async fit(_input, options) { return { transform: (x) => withData(x, x.data.map((v) => v * options.factor)) }; },
  });`;

describe('static plugin manifests', () => {
  it('list shows the manifest of a plugin whose code throws on import without running it; --load marks it not loadable', () => {
    const dir = plugin('emotrans-plugin-throws', { engines: { emotrans: '^0.1.0' }, contributes: { transfer: [manifest] } }, "throw new Error('boom at import');");
    const listed = cli(['list', '--plugin', dir]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/flip\s+negates every feature\n\s+factor: number = -1/);
    expect(listed.stdout).toContain('emotrans-plugin-throws');
    expect(executed(dir)).toBe(false);

    const loaded = cli(['list', '--plugin', dir, '--load']);
    expect(loaded.status).toBe(0);
    expect(executed(dir)).toBe(true);
    expect(loaded.stdout).toMatch(/flip\s+negates every feature\s+\[not loadable: .*index\.js: plugin failed to load: boom at import\]/);
    expect(loaded.stdout).toContain('emotrans-plugin-throws (not loadable)');
  });

  it('validate checks ids and options from the manifest alone; run loads the code when the method is used', () => {
    // The options schema may live in a file of its own, named relative to package.json.
    const dir = plugin('emotrans-plugin-lazy', { contributes: { transfer: [{ ...manifest, options: './flip-options.json' }] } }, flipCode(manifest));
    fs.writeFileSync(path.join(dir, 'flip-options.json'), JSON.stringify(manifest.options));
    const spec = validateSpecShape({
      corpora: { music: { id: 'toy', options: { domain: 'music' } }, speech: { id: 'toy', options: { domain: 'speech' } } },
      features: { id: 'simple' },
      regressor: { id: 'ridge' },
      transfer: [{ id: 'flip', options: { factor: 2 } }, { id: 'flip', label: 'bad', options: { factor: 'x' } }],
    });
    const session = createSession({ plugins: [dir] });
    expect(() => validateSpecContributions(spec, session.registry, 'lazy.json')).toThrow(/transfer\[1\]\.options\.factor: got "x", expected a value that must be number/);
    expect(executed(dir)).toBe(false);
    // Which plugin provides it is known from package.json alone (what `features --jobs N` tells its workers).
    expect(session.registry.pluginOf('transfer', 'flip')?.location).toBe(fs.realpathSync(dir));
    expect(session.registry.pluginOf('transfer', 'no-such-method')).toBeUndefined();
    expect(executed(dir)).toBe(false);
    const method = session.registry.get('transfer', 'flip');
    expect(executed(dir)).toBe(true);
    expect(method.manifest.version).toBe('1');
  });

  it('an engines.emotrans range that excludes this core is a clear error naming package.json', () => {
    const dir = plugin('emotrans-plugin-future', { engines: { emotrans: '^2.0.0' }, contributes: { transfer: [manifest] } }, flipCode(manifest));
    const result = cli(['list', '--plugin', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${path.join(dir, 'package.json')}: engines.emotrans: '^2.0.0' does not include this emotrans (0.1.0)`);
    expect(executed(dir)).toBe(false);
  });

  it('a malformed manifest names the field; a metric without higherIsBetter is refused', () => {
    const dir = plugin(
      'emotrans-plugin-malformed',
      { contributes: { metric: [{ id: 'half', description: 'half the error', options: { type: 'object' } }], transfr: [] } },
      '',
    );
    const result = cli(['list', '--plugin', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('contributes.transfr: unknown field');
    expect(result.stderr).toContain('contributes.metric[0].higherIsBetter: missing');
  });

  it('code that disagrees with its package.json is refused when loaded, naming the differing field', () => {
    const dir = plugin('emotrans-plugin-drift', { contributes: { transfer: [manifest] } }, flipCode({ ...manifest, version: '2' }));
    const session = createSession({ plugins: [dir] });
    expect(() => session.registry.get('transfer', 'flip')).toThrow(/transfer 'flip': the manifest in package\.json differs from the code's in version \(package\.json: "1", code: "2"\)/);
  });
});
