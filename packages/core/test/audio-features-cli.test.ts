import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, sine, tempDir, wavBytes } from './audio-fixtures';

const BIN = path.resolve(__dirname, '..', 'bin', 'emotrans.js');
let dir: string;
beforeAll(() => {
  dir = tempDir('features-cli');
  fs.writeFileSync(path.join(dir, 'a.wav'), wavBytes([sine(440, 16000, 3.5, 0.5)], 'pcm16', { sampleRate: 16000 }));
  const tone = sine(1000, 44100, 2.2, 0.5);
  fs.writeFileSync(path.join(dir, 'b, stereo.wav'), wavBytes([tone, tone], 'float32', { sampleRate: 44100 }));
  fs.writeFileSync(path.join(dir, 'short.wav'), wavBytes([sine(440, 16000, 0.4)], 'pcm16'));
  fs.writeFileSync(path.join(dir, 'notes.wav'), 'not audio at all');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function emotrans(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, EMOTRANS_CACHE: path.join(dir, 'cache') } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CSV as header + rows of cells (no quoted commas except in the file column, which is first). */
function readCsv(file: string): { header: string[]; rows: { file: string; cells: number[] }[] } {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  return {
    header: head.split(','),
    rows: lines.map((line) => {
      const quoted = /^"((?:[^"]|"")*)",(.*)$/.exec(line);
      const [name, rest] = quoted ? [quoted[1].replace(/""/g, '"'), quoted[2]] : [line.slice(0, line.indexOf(',')), line.slice(line.indexOf(',') + 1)];
      return { file: name, cells: rest.split(',').map(Number) };
    }),
  };
}

describe('emotrans features', () => {
  it('writes file,time,<features> with one row per whole window, known values, progress on stderr', () => {
    const run = emotrans('features', 'a.wav', 'b, stereo.wav', '--set', 'simple', '--out', 'out.csv');
    expect(run.stderr).toMatch(/features simple: 2\/2/);
    expect(run.status).toBe(0);
    const csv = readCsv(path.join(dir, 'out.csv'));
    expect(csv.header).toEqual(['file', 'time', 'rms_db_mean', 'rms_db_std', 'zcr_mean', 'zcr_std']);
    // floor(3.5) + floor(2.2) windows of 1 s, described at their centres.
    expect(csv.rows.map((r) => [r.file, r.cells[0]])).toEqual([
      ['a.wav', 0.5],
      ['a.wav', 1.5],
      ['a.wav', 2.5],
      ['b, stereo.wav', 0.5],
      ['b, stereo.wav', 1.5],
    ]);
    for (const row of csv.rows) {
      expect(row.cells.every(Number.isFinite)).toBe(true);
      // A sine of amplitude 0.5 has power 0.125: -9.03 dB in every frame.
      expect(row.cells[1]).toBeCloseTo(10 * Math.log10(0.125), 2);
    }
    // Zero crossings per sample: 2 f / rate (440 Hz at 16 kHz; 1 kHz at 44.1 kHz, both stereo channels alike).
    expect(csv.rows[0].cells[3]).toBeCloseTo(880 / 16000, 2);
    expect(csv.rows[3].cells[3]).toBeCloseTo(2000 / 44100, 2);
    expect(fs.readdirSync(path.join(dir, 'cache', 'features')).length).toBeGreaterThan(1);
  });

  it('reruns from the cache to the same CSV, and recomputes a corrupted entry', () => {
    expect(emotrans('features', 'a.wav', '--set', 'simple', '--out', 'first.csv').status).toBe(0);
    const entries = fs
      .readdirSync(path.join(dir, 'cache', 'features'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.bin'))
      .map((e) => path.join(e.parentPath, e.name));
    for (const entry of entries) fs.writeFileSync(entry, fs.readFileSync(entry).subarray(0, 30));
    const rerun = emotrans('features', 'a.wav', '--set', 'simple', '--out', 'second.csv');
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toMatch(/a\.wav: cached features unusable .*recomputing/);
    expect(fs.readFileSync(path.join(dir, 'second.csv'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'first.csv'), 'utf8'));
  });

  it('decodes MP3 in the CLI process (frame options validated and applied)', () => {
    const mp3 = path.join(FIXTURES, 'sine440-16k.mp3');
    const run = emotrans('features', mp3, '--set', 'simple', '--options', '{"window": 0.25}', '--out', 'mp3.csv', '--quiet');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const csv = readCsv(path.join(dir, 'mp3.csv'));
    expect(csv.rows.map((r) => r.cells[0])).toEqual([0.125, 0.375]);
    expect(csv.rows[1].cells[3]).toBeCloseTo(880 / 16000, 2);
  });

  it.each([
    [['notes.wav'], '{}', /notes\.wav: not an audio file/],
    [['short.wav'], '{}', /short\.wav: the clip is 0\.400 s long, too short for one window of feature set 'simple'/],
    [['missing.wav'], '{}', /missing\.wav: audio file not found/],
    [['a.wav'], '{"window": 0, "hopp": 1}', /options\.hopp: unknown field[\s\S]*options\.window: got 0/],
    [['a.wav'], '{"window": ', /--options: invalid JSON/],
  ])('exits 2 naming the problem: %j with options %s', (files, options, pattern) => {
    const run = emotrans('features', ...files, '--set', 'simple', '--options', options, '--out', 'bad.csv', '--quiet');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(pattern);
    expect(fs.existsSync(path.join(dir, 'bad.csv'))).toBe(false);
  });

  it('tries every file and names every bad one at once, writing nothing (exit 2)', () => {
    fs.writeFileSync(path.join(dir, 'keep.csv'), 'old content\n');
    const run = emotrans('features', 'a.wav', 'short.wav', 'notes.wav', 'b, stereo.wav', '--set', 'simple', '--out', 'keep.csv', '--quiet');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/2 of 4 file\(s\) failed, nothing written \(--keep-going skips them\)/);
    expect(run.stderr).toMatch(/short\.wav: the clip is 0\.400 s long/);
    expect(run.stderr).toMatch(/notes\.wav: not an audio file/);
    expect(fs.readFileSync(path.join(dir, 'keep.csv'), 'utf8')).toBe('old content\n');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--keep-going writes the good files, reports the skipped ones and exits 2', () => {
    const run = emotrans('features', 'short.wav', 'a.wav', 'notes.wav', 'b, stereo.wav', '--set', 'simple', '--out', 'kept.csv', '--quiet', '--keep-going');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/2 of 4 file\(s\) skipped \(--keep-going\):\n  short\.wav: the clip is 0\.400 s long[^\n]*\n  notes\.wav: not an audio file/);
    const csv = readCsv(path.join(dir, 'kept.csv'));
    expect(csv.rows.map((r) => r.file)).toEqual(['a.wav', 'a.wav', 'a.wav', 'b, stereo.wav', 'b, stereo.wav']);
    const all = emotrans('features', 'short.wav', 'notes.wav', '--set', 'simple', '--out', 'none.csv', '--quiet', '--keep-going');
    expect(all.status).toBe(2);
    expect(all.stderr).toMatch(/2 of 2 file\(s\) failed, nothing written:/);
    expect(fs.existsSync(path.join(dir, 'none.csv'))).toBe(false);
  });

  it('--jobs 2 spreads files over worker threads and writes the same CSV in input order', () => {
    const files = ['b, stereo.wav', 'a.wav', 'short.wav', 'a.wav'];
    const serial = emotrans('features', ...files, '--set', 'simple', '--out', 'serial.csv', '--quiet', '--keep-going', '--cache-dir', path.join(dir, 'c1'));
    const parallel = emotrans('features', ...files, '--set', 'simple', '--out', 'parallel.csv', '--quiet', '--keep-going', '--jobs', '2', '--cache-dir', path.join(dir, 'c2'));
    expect(serial.status).toBe(2);
    expect(parallel.status).toBe(2);
    expect(parallel.stderr).toBe(serial.stderr);
    const text = fs.readFileSync(path.join(dir, 'parallel.csv'), 'utf8');
    expect(text).toBe(fs.readFileSync(path.join(dir, 'serial.csv'), 'utf8'));
    expect(readCsv(path.join(dir, 'parallel.csv')).rows.map((r) => r.file)).toEqual(['b, stereo.wav', 'b, stereo.wav', 'a.wav', 'a.wav', 'a.wav', 'a.wav', 'a.wav', 'a.wav']);
  });

  it('writes to stdout with --out=- (and explains that `--out -` is not that)', () => {
    const run = emotrans('features', 'a.wav', '--set', 'simple', '--out=-', '--quiet');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(4);
    const dash = emotrans('features', 'a.wav', '--set', 'simple', '--out', '-', '--quiet');
    expect(dash.status).toBe(2);
    expect(dash.stderr).toMatch(/--out: give a file name, or --out=- for stdout/);
  });

  it('works with any registered set: openSMILE features imported from a folder', () => {
    fs.mkdirSync(path.join(dir, 'smile'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'smile', 'a.csv'), "name;frameTime;loud;zcr\n'unknown';0.0;0.5;0.25\n'unknown';1.0;0.75;0.125\n");
    const run = emotrans('features', 'a.wav', '--set', 'opensmile-import', '--options', '{"dir": "smile", "timeShift": 0.5}', '--out', 'smile.csv', '--quiet');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'smile.csv'), 'utf8')).toBe('file,time,loud,zcr\na.wav,0.5,0.5,0.25\na.wav,1.5,0.75,0.125\n');
    const missing = emotrans('features', 'a.wav', '--set', 'opensmile-import', '--options', '{"extension": ".arff"}', '--out', 'bad.csv', '--quiet');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/options\.dir: missing; it is required/);
  });

  it('exits 2 for an unknown feature set, listing the known ones', () => {
    const run = emotrans('features', 'a.wav', '--set', 'nope', '--out', 'bad.csv');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown features 'nope'.*'simple'/);
  });
});
