/**
 * Files the user may not read and folders they may not write, with real EACCES from the kernel: a clear
 * error naming the file or folder, exit 2, no stack. Tests usually run as root, who may read anything, so
 * then the CLI child runs without the capabilities that let root ignore file modes (setpriv
 * --bounding-set, util-linux, an Essential Debian package present everywhere) or, where dropping them is
 * not allowed, as the unprivileged user nobody; a normal user just gets chmod.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { encodeWav16 } from '@emotrans/core';
import { cli, plugin, scratch, smallSpec, STACK_FRAME, writeSpec } from './harness';

const work = scratch('permissions');
fs.chmodSync(work, 0o755);
const NOBODY = 65534;

/** Commands that run the CLI child so that file modes bind it; the first that really gets EACCES is used. */
const CANDIDATES: readonly (readonly string[])[] =
  process.getuid?.() === 0
    ? [
        ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--'],
        ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--'],
      ]
    : [[]];

function spawnAs(prefix: readonly string[], command: string, args: readonly string[]) {
  const env = { ...process.env, HOME: work, EMOTRANS_CACHE: path.join(work, 'cache'), EMOTRANS_CHROMIUM: 'none' };
  const [program, ...rest] = prefix.length ? [...prefix, command] : [command];
  return spawnSync(program, [...rest, ...args], { env, encoding: 'utf8', timeout: 60000 });
}

const locked = path.join(work, 'locked');
fs.writeFileSync(locked, 'secret');
const readOnly = path.join(work, 'read-only');
fs.mkdirSync(readOnly);

// The first candidate under which this process's own files are readable and a mode-000 file is not.
const probe = `try { require('fs').readFileSync(${JSON.stringify(locked)}); process.exit(3) } catch (e) { process.exit(e.code === 'EACCES' ? 0 : 4) }`;
const asNobody = (prefix: readonly string[]) => prefix.some((a) => a.startsWith('--reuid'));
let runAs: readonly string[] | undefined;
for (const prefix of CANDIDATES) {
  if (asNobody(prefix)) fs.chownSync(locked, NOBODY, NOBODY);
  fs.chmodSync(locked, 0o000);
  if (spawnAs(prefix, process.execPath, ['-e', probe]).status === 0 && spawnAs(prefix, process.execPath, [cli, '--version']).status === 0) {
    runAs = prefix;
    break;
  }
}

/** `emotrans <args>` as the user that file modes bind. */
const emotrans = (...args: string[]) => {
  if (!runAs) throw new Error(`cannot produce EACCES here: none of ${JSON.stringify(CANDIDATES)} gives a child that the file modes bind (is ${cli} readable by uid ${NOBODY}?)`);
  const r = spawnAs(runAs, process.execPath, [cli, ...args]);
  return { code: r.status, stderr: r.stderr };
};

const audio = path.join(work, 'unreadable.wav');
const output = path.join(readOnly, 'results');
beforeAll(() => {
  fs.writeFileSync(audio, encodeWav16(Float32Array.from({ length: 8000 * 6 }, (_, i) => 0.3 * Math.sin(i * 0.05)), 8000));
  fs.writeFileSync(path.join(work, 'readable.wav'), fs.readFileSync(audio));
  writeSpec(work, 'audio', smallSpec(work, { extra: { corpora: { music: { id: 'bad-toy', options: { mode: 'ok', audioFile: audio } } } } }));
  writeSpec(work, 'unreadable-spec', smallSpec(work));
  writeSpec(work, 'output', { ...smallSpec(work), output });
  fs.mkdirSync(path.join(work, 'cache'));
  // As nobody the child must own what it may use (the cache, the specs); the locked files stay locked.
  if (runAs && asNobody(runAs)) for (const f of ['', ...fs.readdirSync(work)]) fs.chownSync(path.join(work, f), NOBODY, NOBODY);
  for (const f of [audio, path.join(work, 'unreadable-spec.json')]) fs.chmodSync(f, 0o000);
  fs.chmodSync(readOnly, 0o555);
});

const run = (spec: string, ...extra: string[]) => emotrans('run', path.join(work, `${spec}.json`), '--plugin', plugin, '--quiet', '--no-images', ...extra);

describe('unreadable files and unwritable folders (real EACCES)', () => {
  it.each([['1'], ['2']])('an unreadable audio file inside a corpus: exit 2 naming it (--jobs %s)', (jobs) => {
    const result = run('audio', '--jobs', jobs);
    expect(result.stderr).toContain(`emotrans: ${audio}: cannot read audio (EACCES)`);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('an unreadable spec: exit 2 naming it', () => {
    const result = run('unreadable-spec');
    expect(result.stderr).toContain(`${path.join(work, 'unreadable-spec.json')}: cannot read spec (EACCES)`);
    expect(result.code).toBe(2);
  });

  it('an output folder that may not be written: exit 2 naming the folder, before any work, nothing left in it', () => {
    const result = run('output', '--run-id', 'r');
    expect(result.stderr).toContain(`emotrans: ${path.join(output, 'r', 'spec.json')}: cannot be written: permission denied (EACCES) in ${readOnly}; choose another folder`);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(fs.readdirSync(readOnly)).toEqual([]);
  });

  it('features --out in a folder that may not be written: exit 2 naming the folder, not "unexpected failure"', () => {
    const out = path.join(readOnly, 'features.csv');
    const result = emotrans('features', path.join(work, 'readable.wav'), '--set', 'simple', '--out', out);
    expect(result.stderr).toContain(`emotrans: ${out}: cannot be written: permission denied (EACCES) in ${readOnly}`);
    expect(result.code).toBe(2);
    expect(fs.readdirSync(readOnly)).toEqual([]);
  });

  it('features of an unreadable file: exit 2 naming it', () => {
    const result = emotrans('features', audio, '--set', 'simple', '--out', path.join(work, 'features.csv'));
    expect(result.stderr).toContain(`${audio}: cannot read audio (EACCES)`);
    expect(result.code).toBe(2);
  });
});
