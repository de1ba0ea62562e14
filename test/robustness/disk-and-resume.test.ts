/**
 * Nothing lost or torn on a full disk, a kill or a second process: writes are atomic and verified, unit
 * files are sealed and checked to be their unit, one process writes a run folder, stale temporaries are
 * cleaned, and a resumed run ends byte-identical to an uninterrupted one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, loadRun, RunFailure, unitResultFromJson, unitResultToJson, writeFileAtomic } from '@emotrans/core';
import { root, runCli, scratch, startCli, STACK_FRAME, withFullDisk, writeSpec } from './harness';

const work = scratch('disk');
const slowRidge = path.join(root, 'test', 'fixtures', 'experiment-slow-ridge.js');
const spec = writeSpec(work, 'spec', {
  name: 'disk',
  seed: 2,
  corpora: { music: { id: 'toy', options: { domain: 'music', sequences: 3, seconds: 6, unlabelled: 0 } }, speech: { id: 'toy', options: { domain: 'speech', sequences: 3, seconds: 6, unlabelled: 0 } } },
  features: { id: 'simple' },
  regressor: { id: 'slow-ridge' },
  protocol: { cv: { scheme: 'loso', validationFraction: 0 } },
  output: path.join(work, 'results'),
  cacheDir: path.join(work, 'cache'),
});
const UNITS = 8; // 2 targets x (3 intra folds + 1 cross)
const args = (...extra: string[]) => ['run', spec, '--plugin', slowRidge, '--quiet', '--no-images', '--jobs', '1', ...extra];
const fast = { EMOTRANS_TEST_FIT_DELAY_MS: '0' };
const runDir = (id: string) => path.join(work, 'results', id);

/** Every file of a run folder that must not depend on how the run got there, relative path -> SHA-256. */
function resultFiles(id: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(runDir(id), relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) visit(name);
      // Unit files hold their own timing; environment.json the machine; the lock is not a result.
      else if (!name.startsWith('units') && name !== 'environment.json' && name !== 'SHA256SUMS' && name !== '.emotrans.lock') {
        // The report's title names the run; everything else must be the same bytes.
        const text = fs.readFileSync(path.join(runDir(id), name), 'utf8').split(`emotrans run ${id}<`).join('emotrans run <');
        out.set(name, createHash('sha256').update(text).digest('hex'));
      }
    }
  };
  visit('');
  return out;
}
const temporaries = (id: string) => fs.readdirSync(runDir(id), { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));

beforeAll(() => {
  const result = runCli(args('--run-id', 'uninterrupted'), { env: fast });
  if (result.code !== 0) throw new Error(result.stderr);
});

describe('atomic writes', () => {
  it('a short write never reaches the final name: the old content stays, no temporary is left', () => {
    const file = path.join(work, 'atomic', 'file.json');
    writeFileAtomic(file, 'old content\n');
    // A disk that takes 10 bytes, then reports no error but writes nothing.
    withFullDisk(10, () => {
      expect(() => writeFileAtomic(file, 'a new content longer than ten bytes\n')).toThrow(RunFailure);
      expect(() => writeFileAtomic(file, 'x'.repeat(100))).toThrow(/cannot write .*file\.json: no space left \(ENOSPC\) in .*atomic; .*nothing incomplete was left/);
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('old content\n');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['file.json']);
  });

  it('a file-size limit (ulimit -f) mid-run: a clear error naming the folder, nothing torn, then --resume finishes identically', () => {
    // 16 KiB: unit files fit, predictions.csv (about 20 KiB) does not.
    const full = runCli(args('--run-id', 'full-disk'), { env: fast, shellPrefix: 'ulimit -f 16' });
    expect(full.code).toBe(1);
    const message = new RegExp(`^emotrans: cannot write ${runDir('full-disk')}/([a-z.]+): no space left \\(EFBIG\\) in ${runDir('full-disk')}; .*finished work is kept`).exec(full.stderr.trim());
    expect(message).not.toBeNull();
    expect(full.stderr).not.toMatch(STACK_FRAME);
    // Nothing incomplete at the final name of the file that did not fit.
    expect(fs.existsSync(path.join(runDir('full-disk'), message![1]))).toBe(false);
    expect(temporaries('full-disk')).toEqual([]);
    expect(fs.readdirSync(path.join(runDir('full-disk'), 'units'))).toHaveLength(UNITS);

    const resumed = runCli(args('--resume', 'full-disk'), { env: fast });
    expect(resumed.code).toBe(0);
    expect(resultFiles('full-disk')).toEqual(resultFiles('uninterrupted'));
  });
});

describe('resume', () => {
  it('after SIGKILL while the report is being written: stale temporaries are removed and every table, statistic and figure is byte-identical', async () => {
    const { child, exited } = startCli(args('--run-id', 'killed-in-report'), fast);
    const tables = path.join(runDir('killed-in-report'), 'tables');
    while (!fs.existsSync(tables) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await exited;
    // What a kill in the middle of writeFileAtomic leaves: a temporary of a dead process.
    const stale = path.join(runDir('killed-in-report'), 'statistics', 'intervals.csv.999999.abc123.tmp');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, 'half a fi');
    const resumed = runCli(args('--resume', 'killed-in-report'), { env: fast });
    expect(resumed.code).toBe(0);
    expect(temporaries('killed-in-report')).toEqual([]);
    expect(resultFiles('killed-in-report')).toEqual(resultFiles('uninterrupted'));
  });

  it('a unit file copied over another unit\'s name is not trusted: that unit runs again and the metrics are right', () => {
    fs.cpSync(runDir('uninterrupted'), runDir('swapped'), { recursive: true });
    const units = path.join(runDir('swapped'), 'units');
    fs.copyFileSync(path.join(units, 'music__intra__music__f0__r0.json'), path.join(units, 'music__intra__music__f1__r0.json'));
    const resumed = runCli(args('--resume', 'swapped').filter((a) => a !== '--quiet'), { env: fast });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/music__intra__music__f1__r0\.json: not reused \(it is not the result of unit music\/intra\/music\/f1\/r0 \(its key is "music\/intra\/music\/f0\/r0"\)\)/);
    expect(resumed.stderr).toMatch(/7 of 8 units done before, 1 to run/);
    const metrics = (id: string) => JSON.parse(fs.readFileSync(path.join(runDir(id), 'metrics.json'), 'utf8')).summary;
    expect(metrics('swapped')).toEqual(metrics('uninterrupted'));
  });

  it('a unit file cut short or edited is not trusted', () => {
    fs.cpSync(runDir('uninterrupted'), runDir('edited'), { recursive: true });
    const file = path.join(runDir('edited'), 'units', 'speech__intra__speech__f2__r0.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"arousal": \[\n\s+(-?[\d.e-]+)/, '"arousal": [\n 0.5'));
    const resumed = runCli(args('--resume', 'edited').filter((a) => a !== '--quiet'), { env: fast });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/speech__intra__speech__f2__r0\.json: not reused \(checksum mismatch/);
  });

  it('NaN and infinite values in a unit result round-trip (never read back as 0)', () => {
    const traces = { times: Float64Array.of(0, 1, 2), arousal: Float32Array.of(NaN, 0.5, Infinity), valence: Float32Array.of(-Infinity, 0, 0.25) };
    const result = { key: 'k', target: 't', source: 's', condition: 'intra', fold: 0, repetition: 0, seconds: 1, predictions: [{ sequence: 'a', gold: traces, predicted: traces }] };
    const back = unitResultFromJson(JSON.parse(JSON.stringify(unitResultToJson(result))));
    expect(Array.from(back.predictions[0].predicted.arousal)).toEqual([NaN, 0.5, Infinity]);
    expect(Array.from(back.predictions[0].gold.valence)).toEqual([-Infinity, 0, 0.25]);
  });
});

describe('readers verify a finished run against its SHA256SUMS', () => {
  const copy = (id: string) => {
    fs.cpSync(runDir('uninterrupted'), runDir(id), { recursive: true });
    return runDir(id);
  };

  it('the untouched run loads', () => {
    expect(loadRun(copy('verified')).units).toHaveLength(UNITS);
  });

  it('metrics.json edited after the run (still valid JSON) is refused, naming it', () => {
    const dir = copy('edited-metrics');
    const file = path.join(dir, 'metrics.json');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(/"mean": (-?)0\.(\d)/, (_m, sign, digit) => `"mean": ${sign}0.${(Number(digit) + 1) % 10}`));
    expect(fs.readFileSync(file, 'utf8')).not.toBe(text);
    expect(() => loadRun(dir)).toThrow(BadInputError);
    expect(() => loadRun(dir)).toThrow(`${file}: does not match its checksum in SHA256SUMS (changed or cut short after the run finished)`);
  });

  it('a unit file added after the run is refused, naming it', () => {
    const dir = copy('added-unit');
    const units = path.join(dir, 'units');
    const first = fs.readdirSync(units).filter((f) => f.endsWith('.json'))[0];
    fs.copyFileSync(path.join(units, first), path.join(units, `copy-${first}`));
    expect(() => loadRun(dir)).toThrow(`${path.join(units, `copy-${first}`)}: not listed in the run's SHA256SUMS`);
  });
});

describe('one writer per run folder', () => {
  it('a second --resume of a live run exits 2 naming the other process; once that process is killed, --resume takes over', async () => {
    const { child, exited } = startCli(args('--run-id', 'live'), { EMOTRANS_TEST_FIT_DELAY_MS: '400' });
    const units = path.join(runDir('live'), 'units');
    while (!(fs.existsSync(units) && fs.readdirSync(units).length > 0) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = runCli(args('--resume', 'live'), { env: fast });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`run folder ${runDir('live')} is in use by process ${child.pid} on host .+ \\(since `));
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await exited;
    const third = runCli(args('--resume', 'live'), { env: fast });
    expect(third.code).toBe(0);
    expect(resultFiles('live')).toEqual(resultFiles('uninterrupted'));
    expect(fs.existsSync(path.join(runDir('live'), '.emotrans.lock'))).toBe(false);
  });
});
