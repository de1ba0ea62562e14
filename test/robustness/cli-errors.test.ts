/**
 * One error path at the CLI: whatever a plugin throws (or never settles) ends in one clear line naming the
 * unit, kind and id, with the same wording and exit code under --jobs 1 and --jobs 2, no stack trace
 * unless --verbose, and never exit 0 without results. Run ids cannot escape the output folder and a
 * --resume of a run that does not exist is an error, not a new run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodeWav16 } from '@emotrans/core';
import { plugin, runCli, runSpec, scratch, smallSpec, STACK_FRAME, writeSpec } from './harness';

const work = scratch('cli-errors');
let runs = 0;
const specOf = (parts: Parameters<typeof smallSpec>[1]) => writeSpec(work, `spec${runs++}`, smallSpec(work, parts));

describe.each([
  ['regressor throws a string', { regressor: 'throw-string' }, 1, "emotrans: unit music/intra/music/f0/r0: regressor 'bad-ridge' failed in fit: regressor exploded"],
  ['regressor throws undefined', { regressor: 'throw-undefined' }, 1, "emotrans: unit music/intra/music/f0/r0: regressor 'bad-ridge' failed in fit: it threw undefined (not an Error)"],
  ['regressor throws a BadInputError', { regressor: 'throw-bad-input' }, 2, 'emotrans: some-file.csv: this regressor rejects its input on purpose'],
  ['predict throws', { regressor: 'predict-throws' }, 1, "emotrans: unit music/intra/music/f0/r0: regressor 'bad-ridge' failed in predict: predict exploded"],
  ['predictions are NaN', { regressor: 'nan' }, 1, "emotrans: unit music/intra/music/f0/r0: regressor 'bad-ridge' returned predictions for sequence 'music-01' that have a non-finite arousal value (NaN) at row 0 (predict)"],
  ['features are NaN', { features: 'nan' }, 1, "emotrans: features of toy:music-01: features 'bad-simple' returned a feature matrix that has a non-finite value (NaN) in feature 'rms_db_std' at row 1 (extract)"],
  ['labels are NaN', { corpus: 'nan-label' }, 2, "emotrans: corpus 'bad-toy' (domain music), sequence 'music-02', music-02.csv line 5 (t = 3 s): arousal is NaN, expected a finite number"],
])('%s', (_name, parts, code, line) => {
  it.each([['1'], ['2']])(`--jobs %s: exit ${code}, the same one line, no stack`, (jobs) => {
    const result = runSpec(specOf(parts), '--jobs', jobs, '--run-id', `j${jobs}-${runs}`);
    expect(result.code).toBe(code);
    expect(result.stderr.trim()).toBe(line);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('a promise that never settles', () => {
  it.each([['1'], ['2']])('--jobs %s: exits 1 with a clear message, never 0 without results', (jobs) => {
    const result = runSpec(specOf({ regressor: 'never' }), '--jobs', jobs, '--run-id', `never${jobs}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/never (settles|finished)/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(fs.existsSync(path.join(work, 'results', `never${jobs}`, 'metrics.json'))).toBe(false);
  });
});

// The corpus loads in the main thread whatever --jobs says: the one place left where the CLI itself must
// notice that nothing is running any more.
it('a corpus whose load never settles: exits 1 with a clear message, never 0 without results', () => {
  const result = runSpec(specOf({ corpus: 'never' }), '--run-id', 'never-corpus');
  expect(result.code).toBe(1);
  expect(result.stderr.trim()).toBe(
    'emotrans: the command stopped before finishing: the work it waited for can never complete (a plugin returned a promise that never settles, with nothing left running); no results were written for the unfinished work',
  );
  expect(fs.existsSync(path.join(work, 'results', 'never-corpus', 'metrics.json'))).toBe(false);
});

it('--verbose adds the stack of the cause', () => {
  const result = runSpec(specOf({ regressor: 'reject' }), '--jobs', '1', '--verbose');
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/failed in fit: fit rejected on purpose\n.*Error: fit rejected on purpose\n\s+at .*misbehaving-plugin\.js/);
});

it('a plugin with an invalid options schema is a clear failure naming it, not "unexpected failure"', () => {
  const spec = smallSpec(work, {});
  spec.regressor = { id: 'bad-schema' };
  const result = runSpec(writeSpec(work, 'bad-schema', spec));
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^emotrans: regressor 'bad-schema' declares an invalid options schema/);
  expect(result.stderr).not.toMatch(/unexpected failure/);
  expect(result.stderr).not.toMatch(STACK_FRAME);
});

describe('run ids and resume', () => {
  it('--run-id ../x is refused (exit 2) and nothing is written outside --output', () => {
    const result = runSpec(specOf({}), '--run-id', '../escaped');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--run-id: got "..\/escaped", expected a folder name/);
    expect(fs.existsSync(path.join(work, 'escaped'))).toBe(false);
  });

  it('--resume <typo> exits 2 naming the runs there instead of starting a new run', () => {
    const spec = specOf({});
    expect(runSpec(spec, '--run-id', 'finished').code).toBe(0);
    const result = runSpec(spec, '--resume', 'finishd');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--resume finishd: no such run in .*results \(runs there: .*finished/);
    expect(fs.existsSync(path.join(work, 'results', 'finishd'))).toBe(false);
  });
});

it('a plugin that throws a non-Error while loading is named with what it threw, not "undefined"', () => {
  const bad = path.join(work, 'throws-undefined.js');
  fs.writeFileSync(bad, 'throw undefined;\n');
  const result = runCli(['validate', specOf({}), '--plugin', plugin, '--plugin', bad]);
  expect(result.code).toBe(2);
  expect(result.stderr.trim()).toBe(`emotrans: ${bad}: plugin failed to load: it threw undefined (not an Error)`);
});

describe('bad audio inside a corpus', () => {
  // The second sequence's audio is a WAV whose header declares 10^9 Hz.
  const file = path.join(work, 'giga-hertz.wav');
  const bytes = Buffer.from(encodeWav16(Float32Array.from({ length: 8000 * 6 }, (_, i) => 0.3 * Math.sin(i * 0.05)), 8000));
  bytes.writeUInt32LE(1e9, 24);
  fs.writeFileSync(file, bytes);

  it.each([['1'], ['2']])('--jobs %s: exit 2 naming the file, the same line', (jobs) => {
    const spec = smallSpec(work, {});
    (spec.corpora as Record<string, { options: Record<string, unknown> }>).music.options.audioFile = file;
    const result = runSpec(writeSpec(work, `bad-audio-${jobs}`, spec), '--jobs', jobs);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`emotrans: ${file}: WAV header declares a sample rate of 1000000000 Hz; emotrans reads 1000 to 768000 Hz (corrupt header?)`);
  });
});
