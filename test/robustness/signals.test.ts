/**
 * SIGTERM and Ctrl-C are honoured promptly even when every unit is synchronous work that never yields
 * (the runner yields to the event loop between units), with the resume hint and the units finished kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodeWav16 } from '@emotrans/core';
import { plugin, runCli, scratch, smallSpec, startCli, writeSpec } from './harness';

const work = scratch('signals');

it.each([['SIGTERM' as const, 143], ['SIGINT' as const, 130]])('%s during busy units: exit %i after at most the unit in progress, finished units kept', async (signal, code) => {
  const spec = smallSpec(work, { regressor: 'busy' });
  (spec.corpora as Record<string, { options: Record<string, unknown> }>).music.options.sequences = 8;
  const file = writeSpec(work, `busy-${signal}`, spec);
  const { child, exited } = startCli(['run', file, '--plugin', plugin, '--no-images', '--jobs', '1', '--run-id', signal]);
  const units = path.join(work, 'results', signal, 'units');
  while (!(fs.existsSync(units) && fs.readdirSync(units).length > 0) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 10));
  const before = fs.readdirSync(units).length;
  child.kill(signal);
  const result = await exited;
  expect(result.code).toBe(code);
  expect(result.stderr).toContain(`--resume ${signal}`);
  // Honoured at the next unit boundary: at most the unit in progress (400 ms of busy work) finishes.
  // Without yielding, all 8 would finish before the handler ran.
  expect(fs.readdirSync(units).length).toBeLessThanOrEqual(before + 1);
});

/**
 * A signal during one long synchronous unit under `--jobs 1`: the units run on a worker thread, so the
 * main thread honours it at once (not when the unit ends, 8 s later), leaves nothing torn at a final name,
 * and `--resume` then ends byte-identical to an uninterrupted run.
 */
describe('a signal in the middle of one long unit (--jobs 1)', () => {
  const spec = writeSpec(work, 'long-unit', smallSpec(work, { regressor: 'busy' }));
  const args = (...extra: string[]) => ['run', spec, '--plugin', plugin, '--no-images', '--jobs', '1', ...extra];
  const runDir = (id: string) => path.join(work, 'results', id);
  /** Result files that must not depend on how the run got there (the report title names the run). */
  const results = (id: string) =>
    ['predictions.csv', 'metrics.json', 'metrics.csv', ...['tables', 'statistics'].flatMap((d) => fs.readdirSync(path.join(runDir(id), d)).map((f) => path.join(d, f)))]
      .map((f) => [f, fs.readFileSync(path.join(runDir(id), f), 'utf8').split(`emotrans run ${id}<`).join('emotrans run <')]);

  async function interrupt(signal: NodeJS.Signals, runId: string) {
    const started = path.join(work, `${runId}.started`);
    // 8 s of synchronous work in the first unit; the spec is the same as for the fast runs below.
    const { child, exited } = startCli(args('--run-id', runId), { EMOTRANS_TEST_BUSY_MS: '8000', EMOTRANS_TEST_BUSY_STARTED: started });
    while (!fs.existsSync(started) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = Date.now();
    child.kill(signal);
    const result = await exited;
    return { ...result, afterMs: Date.now() - sent };
  }

  it.each([['SIGTERM' as const, 143], ['SIGINT' as const, 130]])('%s is honoured within a second with exit %i and the resume hint', async (signal, code) => {
    const result = await interrupt(signal, `long-${signal}`);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(`interrupted; finished units are kept: resume with 'emotrans run ${spec} --resume long-${signal}'`);
    // Not after the unit: 8 s. (A second plus slack for a loaded machine.)
    expect(result.afterMs).toBeLessThan(2000);
    // Nothing at a final name that the run had not finished.
    const units = path.join(runDir(`long-${signal}`), 'units');
    expect(fs.existsSync(units) ? fs.readdirSync(units).filter((f) => f.endsWith('.json')) : []).toEqual([]);
    for (const file of ['predictions.csv', 'metrics.json', 'tables', 'SHA256SUMS']) expect(fs.existsSync(path.join(runDir(`long-${signal}`), file))).toBe(false);
  }, 30000);

  it('--resume after the interrupt gives the same bytes as an uninterrupted run', () => {
    const fast = { EMOTRANS_TEST_BUSY_MS: '0' };
    const resumed = runCli([...args('--resume', 'long-SIGTERM'), '--quiet'], { env: fast });
    expect(resumed.code).toBe(0);
    const clean = runCli([...args('--run-id', 'long-clean'), '--quiet'], { env: fast });
    expect(clean.code).toBe(0);
    expect(results('long-SIGTERM')).toEqual(results('long-clean'));
  }, 60000);
});

/**
 * `emotrans features` installs no signal handler: the default disposition ends it at once, even in the
 * middle of a file, and its output file keeps what it held (the CSV is renamed into place only at the end);
 * the temporary it leaves is removed by the next command writing that output.
 */
describe('features on many files', () => {
  const folder = path.join(work, 'many');
  // 8 different minutes of noise: a few seconds of extraction.
  const files = Array.from({ length: 8 }, (_, f) => path.join(folder, `noise-${f}.wav`));
  beforeAll(() => {
    fs.mkdirSync(folder);
    let state = 1;
    const samples = new Float32Array(16000 * 60);
    for (const file of files) {
      for (let i = 0; i < samples.length; i++) samples[i] = ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.5;
      fs.writeFileSync(file, encodeWav16(samples, 16000));
    }
  });

  it.each(['SIGTERM' as const, 'SIGINT' as const])('%s ends it within a second, the output left as it was', async (signal) => {
    const out = path.join(folder, `out-${signal}.csv`);
    fs.writeFileSync(out, 'the previous output\n');
    const { child, exited } = startCli(['features', ...files, '--set', 'compare-1hz', '--out', out, '--cache-dir', path.join(folder, `cache-${signal}`)]);
    // The temporary output exists once extraction is about to start.
    const started = () => fs.readdirSync(folder).some((f) => f.startsWith(`.out-${signal}.csv.`));
    while (!started() && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(child.exitCode).toBeNull();
    const sent = Date.now();
    child.kill(signal);
    const result = await exited;
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(result.signal).toBe(signal);
    expect(fs.readFileSync(out, 'utf8')).toBe('the previous output\n');
    // The killed command could not remove its temporary output; the next one for that output does.
    const temporaries = () => fs.readdirSync(folder).filter((f) => f.startsWith(`.out-${signal}.csv.`));
    expect(temporaries()).toHaveLength(1);
    const again = runCli(['features', files[0], '--set', 'compare-1hz', '--out', out, '--cache-dir', path.join(folder, `cache-${signal}`), '--quiet']);
    expect(again.code).toBe(0);
    expect(temporaries()).toEqual([]);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^file,time,/);
  }, 30000);
});
