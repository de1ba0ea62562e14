/**
 * The psychoacoustic set end to end through the CLI: plugin discovery, option validation and resampling to
 * the declared rate. A 16 kHz WAV of a 440 Hz tone (written by sox; skipped, with the reason printed, only
 * when sox is missing) goes through `emotrans features --set psychoacoustic`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PSYCHOACOUSTIC_NAMES } from '../src';

const CLI = path.resolve(__dirname, '../../../core/bin/emotrans.js');
const missing = spawnSync('sox', ['--version']).error ? 'sox is not installed' : undefined;
if (missing) console.log(`psychoacoustic CLI test skipped: ${missing}`);
const describeWithSox = missing ? describe.skip : describe;

describeWithSox('emotrans features --set psychoacoustic', () => {
  let dir = '';
  let wav = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-psychoacoustic-cli-'));
    wav = path.join(dir, 'tone.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-b', '16', '-c', '1', wav, 'synth', '3.5', 'sine', '440', 'vol', '0.3']);
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [CLI, ...args, '--quiet', '--cache-dir', path.join(dir, 'cache')], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('writes one row per second with the 16 named columns; a 440 Hz tone has pitch level 48 semitones', () => {
    const { status, stdout, stderr } = run(['features', wav, '--set', 'psychoacoustic', '--out=-']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0].split(',')).toEqual(['file', 'time', ...PSYCHOACOUSTIC_NAMES]);
    expect(lines).toHaveLength(4);
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.map((r) => Number(r[1]))).toEqual([0.5, 1.5, 2.5]);
    const level = PSYCHOACOUSTIC_NAMES.indexOf('pitch_level') + 2;
    const centroid = PSYCHOACOUSTIC_NAMES.indexOf('spectral_centroid_mean') + 2;
    for (const row of rows) {
      expect(Math.abs(Number(row[level]) - 48)).toBeLessThan(0.2);
      expect(Math.abs(Number(row[centroid]) - 440) / 440).toBeLessThan(0.03);
    }
  });

  it('rejects an unknown option with exit code 2', () => {
    const { status, stderr } = run(['features', wav, '--set', 'psychoacoustic', '--options', '{"windw":2}', '--out=-']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/windw/);
  });
});
