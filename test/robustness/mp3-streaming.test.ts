/**
 * MP3 is decoded as a stream (issue 13, bounds and streaming): outside jest's vm sandbox (a child process, as
 * the CLI runs) openAudioBlocks decodes an MP3 chunk by chunk, and its blocks are bit for bit the samples of
 * the whole-file decode (loadAudio here, in the sandbox, decodes whole in a worker), at the file's own rate
 * and resampled, on the lame fixture, on the real clips of ../shared/data/emomusic-sample and on the frames
 * of six joined into one stream of several 1 MiB chunks; a truncated MP3 fails with the whole decode's message; and
 * `emotrans features` of an MP3 equals the whole-signal extraction with a decoded-size budget that the whole
 * decode would refuse (so the streamed path is the one taken).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRandom, loadAudio, silentProgress, type FeatureMatrix, type FeatureSet, type RunContext } from '@emotrans/core';
import { featureCsvRows } from '@emotrans/core/dist/results/feature-csv-rows';
import { compare1Hz } from '@emotrans/plugin-compare';
import { simpleFeatures } from '@emotrans/plugin-toy';
import { sharedData } from '../shared-data';
import { cli, root, scratch } from './harness';

const work = scratch('mp3-streaming');
const fixture = path.join(root, 'packages', 'core', 'test', 'fixtures', 'sine440-16k.mp3');
const sample = sharedData('emomusic-sample');
const clips = sample.present ? fs.readdirSync(path.join(sample.dir, 'clips_45seconds')).filter((f) => f.endsWith('.mp3')).sort().map((f) => path.join(sample.dir, 'clips_45seconds', f)) : [];
const context = { random: createRandom(0), cacheDir: work, progress: silentProgress, log: () => {}, tf: () => Promise.reject(new Error('no tf')) } as unknown as RunContext;

interface Streamed {
  sha?: string;
  samples?: number;
  blocks?: number;
  frames?: number;
  sampleRate?: number;
  error?: string;
}

/** openAudioBlocks of each [file, rate] in a child process (where import() works: the streamed decode). */
function streamedInChild(jobs: Array<[string, number | undefined]>): Streamed[] {
  const script = `
    const core = require(${JSON.stringify(path.join(root, 'packages', 'core', 'dist'))});
    const { createHash } = require('node:crypto');
    (async () => {
      const out = [];
      for (const [file, rate] of ${JSON.stringify(jobs)}) {
        try {
          const blocks = await core.openAudioBlocks({ kind: 'file', path: file }, rate ?? undefined);
          const hash = createHash('sha256');
          let samples = 0, count = 0;
          try {
            await blocks.read((b) => { hash.update(Buffer.from(b.buffer, b.byteOffset, b.byteLength)); samples += b.length; count++; });
          } finally { blocks.close(); }
          out.push({ sha: hash.digest('hex'), samples, blocks: count, frames: blocks.frames, sampleRate: blocks.sampleRate });
        } catch (error) { out.push({ error: error.message }); }
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120000 });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Streamed[];
}

const sha = (samples: Float32Array) => createHash('sha256').update(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)).digest('hex');

/** The frames of the real clips (ID3v2 tags taken off) joined into one MP3 stream of about 2.2 MB (3 chunks of 1 MiB). */
function joinedClips(file: string): string {
  const parts = clips.slice(0, 6).map((clip) => {
    const bytes = fs.readFileSync(clip);
    const tag = bytes.toString('latin1', 0, 3) === 'ID3' ? 10 + ((bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9]) : 0;
    return bytes.subarray(tag);
  });
  fs.writeFileSync(file, Buffer.concat(parts));
  return file;
}

describe('MP3 decoded as a stream', () => {
  it('the lame fixture at its own rate and resampled: the samples of the whole decode, bit for bit', async () => {
    const rates = [undefined, 16000, 44100];
    const streamed = streamedInChild(rates.map((rate) => [fixture, rate]));
    for (const [k, rate] of rates.entries()) {
      const whole = await loadAudio({ kind: 'file', path: fixture }, rate);
      expect(streamed[k]).toMatchObject({ sha: sha(whole.samples), samples: whole.samples.length, sampleRate: whole.sampleRate });
      // the frame walk's count, an upper bound (lame's delay and padding are trimmed): the streamed path ran
      expect(streamed[k].frames).toBeGreaterThan(whole.samples.length);
    }
  });

  (sample.present ? it : it.skip)('the real emomusic clips, and their frames joined into one stream of several chunks: the samples of the whole decode', async () => {
    const joined = joinedClips(path.join(work, 'joined.mp3'));
    expect(fs.statSync(joined).size).toBeGreaterThan(2 << 20);
    const jobs: Array<[string, number | undefined]> = [[clips[0], undefined], [clips[0], 16000], [clips[1], 22050], [joined, undefined]];
    const streamed = streamedInChild(jobs);
    for (const [k, [file, rate]] of jobs.entries()) {
      const whole = await loadAudio({ kind: 'file', path: file }, rate);
      expect(streamed[k]).toMatchObject({ sha: sha(whole.samples), samples: whole.samples.length, sampleRate: whole.sampleRate });
    }
    expect(streamed[jobs.length - 1].blocks).toBeGreaterThan(2); // one per 1 MiB of file
  });

  it('a truncated MP3 (cut inside a frame, or at a frame short of its Info header) fails with the whole decode\'s message', async () => {
    const bytes = fs.readFileSync(fixture);
    const files = [path.join(work, 'cut-inside.mp3'), path.join(work, 'cut-at-frame.mp3')];
    fs.writeFileSync(files[0], bytes.subarray(0, 10 * 288 + 100));
    fs.writeFileSync(files[1], bytes.subarray(0, 10 * 288));
    const streamed = streamedInChild(files.map((file) => [file, undefined]));
    for (const [k, file] of files.entries()) {
      const message = await loadAudio({ kind: 'file', path: file }).then(() => 'decoded', (error: Error) => error.message);
      expect(message).toMatch(/: truncated or corrupt MP3 file: /);
      expect(streamed[k].error).toBe(message);
    }
  });

  it.each([
    ['simple', { window: 0.1 }, fixture, simpleFeatures],
    ['compare-1hz', { sampleRate: 16000 }, clips[0], compare1Hz],
  ])('emotrans features --set %s %j of %s: the CSV of the whole-signal extraction, under a decoded-size budget the whole decode refuses', async (id, given, file, set) => {
    if (!file) return; // the shared clips are absent (said by the test above)
    const featureSet = set as FeatureSet<never>;
    const properties = featureSet.manifest.options.properties as Record<string, { default?: unknown }>;
    const options = { ...Object.fromEntries(Object.entries(properties).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default])), ...given };
    const audio = await loadAudio({ kind: 'file', path: file }, featureSet.describe(options as never).sampleRate);
    const matrix: FeatureMatrix = await featureSet.extract(audio, options as never, context);
    const expected = Buffer.concat([Buffer.from(`file,time,${matrix.names.join(',')}\n`), featureCsvRows(file, matrix)]);
    const out = path.join(work, `${id}.csv`);
    const args = [cli, 'features', file, '--set', id, '--options', JSON.stringify(given), '--out', out, '--cache-dir', path.join(work, `cache-${id}`), '--quiet'];
    // 1000 bytes: far below any decoded MP3, which the whole decode refuses
    const env = { ...process.env, EMOTRANS_MAX_AUDIO_BYTES: '1000' };
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120000, env });
    expect(run.stderr.trim()).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(out).equals(expected)).toBe(true);
    // the whole decode under that budget: refused
    process.env.EMOTRANS_MAX_AUDIO_BYTES = '1000';
    try {
      await expect(loadAudio({ kind: 'file', path: file })).rejects.toThrow(/over the 0.00 GiB budget per file/);
    } finally {
      delete process.env.EMOTRANS_MAX_AUDIO_BYTES;
    }
  });
});
