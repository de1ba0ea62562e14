/**
 * Long audio is decoded, analysed, cached and written as a stream (issue 13, bounds and streaming): the CSV
 * of `emotrans features` equals the whole-signal extraction's, for sets that stream (compare-lld,
 * compare-1hz, simple) fed real and synthetic WAVs, at the file's own rate and resampled; a cache hit (read
 * back in chunks) gives the same bytes; and the peak memory of 20 minutes of audio is within a few MB of that
 * of 2 minutes, where holding the samples alone would add 70 MB.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRandom, loadAudio, silentProgress, writeLongTestWav, type FeatureMatrix, type FeatureSet, type RunContext } from '@emotrans/core';
import { featureCsvRows } from '@emotrans/core/dist/results/feature-csv-rows';
import { compare1Hz, compareLld } from '@emotrans/plugin-compare';
import { simpleFeatures } from '@emotrans/plugin-toy';
import { cli, scratch } from './harness';

const work = scratch('streaming');
const context = { random: createRandom(0), cacheDir: work, progress: silentProgress, log: () => {}, tf: () => Promise.reject(new Error('no tf')) } as unknown as RunContext;
const CLIP = '/usr/share/sounds/alsa/Front_Center.wav'; // 1.43 s of speech, 48 kHz mono (alsa-utils)

const writeWav = writeLongTestWav;

function features(file: string, set: string, options: object, out: string, preload?: string) {
  const args = [...(preload ? ['-r', preload] : []), cli, 'features', file, '--set', set, '--options', JSON.stringify(options), '--out', out, '--cache-dir', path.join(work, `cache-${set}`), '--quiet'];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120000 });
  expect(run.stderr.replace(/\nmax-rss-kb \d+\n/, '').trim()).toBe('');
  expect(run.status).toBe(0);
  return { csv: fs.readFileSync(out), maxRssKb: Number(/max-rss-kb (\d+)/.exec(run.stderr)?.[1]) };
}

/** The CSV the whole-signal extraction gives: header and rows of `extract` on the audio at the set's rate. */
async function wholeCsv(file: string, set: FeatureSet<never>, given: object): Promise<Buffer> {
  // the options with their defaults, as the CLI fills them in
  const properties = set.manifest.options.properties as Record<string, { default?: unknown }>;
  const options = { ...Object.fromEntries(Object.entries(properties).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default])), ...given };
  const audio = await loadAudio({ kind: 'file', path: file }, set.describe(options as never).sampleRate);
  const matrix: FeatureMatrix = await set.extract(audio, options as never, context);
  return Buffer.concat([Buffer.from(`file,time,${matrix.names.join(',')}\n`), featureCsvRows(file, matrix)]);
}

describe('emotrans features through FeatureSet.stream', () => {
  const synthetic = path.join(work, 'tone-44k-stereo.wav');
  beforeAll(() => writeWav(synthetic, 7.3, 44100, 2));

  it.each([
    ['compare-lld', {}, CLIP, compareLld],
    ['compare-lld', {}, synthetic, compareLld],
    ['compare-1hz', { hop: 0.5 }, synthetic, compare1Hz],
    ['compare-1hz', { sampleRate: 16000 }, synthetic, compare1Hz],
    ['simple', { window: 0.7 }, synthetic, simpleFeatures],
  ])('%s %j of %s: the CSV equals the whole-signal extraction (compare-lld: and so does a cache hit)', async (id, options, file, set) => {
    const expected = await wholeCsv(file, set as FeatureSet<never>, options);
    const name = `${id}-${Object.keys(options).join('')}-${path.basename(file)}`;
    const first = features(file, id, options, path.join(work, `${name}.csv`));
    expect(first.csv.equals(expected)).toBe(true);
    if (id === 'compare-lld') {
      const again = features(file, id, options, path.join(work, `${name}-again.csv`));
      expect(again.csv.equals(expected)).toBe(true);
    }
  });

  it('a long file\'s CSV spilled beside the output: --jobs 2 writes the same bytes as --jobs 1 and leaves no spill behind', () => {
    // 70 s of compare-lld rows are about 11 MB of CSV, over what is held in memory per file
    const files = [path.join(work, 'long-a.wav'), path.join(work, 'long-b.wav')];
    writeWav(files[0], 70, 8000, 1);
    writeWav(files[1], 20, 8000, 2);
    const outDir = path.join(work, 'jobs');
    fs.mkdirSync(outDir);
    const csv = (jobs: number) => {
      const out = path.join(outDir, `jobs${jobs}.csv`);
      const run = spawnSync(process.execPath, [cli, 'features', ...files, '--set', 'compare-lld', '--out', out, '--cache-dir', path.join(work, `cache-jobs${jobs}`), '--jobs', String(jobs), '--quiet'], { encoding: 'utf8' });
      expect(run.stderr.trim()).toBe('');
      return fs.readFileSync(out);
    };
    const one = csv(1);
    expect(one.length).toBeGreaterThan(10 << 20);
    expect(csv(2).equals(one)).toBe(true);
    expect(fs.readdirSync(outDir).sort()).toEqual(['jobs1.csv', 'jobs2.csv']);
  });

  it('simple: streamed blocks of 1, 997 and 4096 samples give the rows of extract', async () => {
    const audio = await loadAudio({ kind: 'file', path: CLIP });
    const options = { frame: 0.025, hop: 0.01, window: 0.3 };
    const whole = await simpleFeatures.extract(audio, options, context);
    for (const block of [1, 997, 4096]) {
      const stream = simpleFeatures.stream!(audio, options, context) as NonNullable<ReturnType<NonNullable<typeof simpleFeatures.stream>>> & { push: (b: Float32Array) => FeatureMatrix | undefined };
      const data: number[] = [];
      const times: number[] = [];
      for (let at = 0; at < audio.samples.length; at += block) {
        const rows = stream.push(audio.samples.slice(at, at + block));
        if (rows) data.push(...rows.data), times.push(...rows.times);
      }
      expect(stream.end()).toBeUndefined();
      expect(times).toEqual(Array.from(whole.times));
      expect(data).toEqual(Array.from(whole.data));
    }
  });

  it('peak memory does not grow with the length of the audio (20 min vs 2 min of 16 kHz, simple)', () => {
    const rss: number[] = [];
    for (const minutes of [2, 20]) {
      const file = path.join(work, `${minutes}min.wav`);
      writeWav(file, minutes * 60, 16000, 1);
      const { csv, maxRssKb } = features(file, 'simple', {}, path.join(work, `${minutes}min.csv`), path.join(__dirname, 'fixtures', 'print-max-rss.js'));
      expect(csv.toString().trim().split('\n')).toHaveLength(minutes * 60 + 1);
      fs.rmSync(file);
      rss.push(maxRssKb / 1024);
    }
    // The 20-minute file's mono samples alone are 73 MiB; streamed, only a window's are held.
    expect(rss[1] - rss[0]).toBeLessThan(15);
  });
});
