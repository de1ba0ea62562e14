import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  BadInputError,
  createFeatureMatrix,
  createRandom,
  FeatureCache,
  featuresOf,
  fileContentKey,
  silentProgress,
  type FeatureSet,
  type RunContext,
  type SequenceSource,
} from '@emotrans/core';
import { sine, tempDir, wavBytes } from './audio-fixtures';

let dir: string;
beforeEach(() => {
  dir = tempDir('cache');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A feature set that records each extraction: one row per 0.5 s with the mean and peak of the samples. */
function countingSet(version = '1'): FeatureSet & { calls: number; rates: number[] } {
  const set = {
    calls: 0,
    rates: [] as number[],
    manifest: { id: 'counting', kind: 'features' as const, description: 'test', version, options: { type: 'object' } },
    describe: () => ({ names: ['mean', 'peak'], frameRate: 2, sampleRate: 8000 }),
    async extract(audio: { samples: Float32Array; sampleRate: number }) {
      set.calls++;
      set.rates.push(audio.sampleRate);
      const hop = audio.sampleRate / 2;
      const rows = Math.floor(audio.samples.length / hop);
      const data = new Float32Array(rows * 2);
      const times = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        let sum = 0;
        let peak = 0;
        for (let i = r * hop; i < (r + 1) * hop; i++) {
          sum += audio.samples[i];
          peak = Math.max(peak, Math.abs(audio.samples[i]));
        }
        data[2 * r] = sum / hop;
        data[2 * r + 1] = peak;
        times[r] = (r + 0.5) / 2;
      }
      return createFeatureMatrix(['mean', 'peak'], 2, times, data);
    },
  };
  return set;
}

function context(logs: string[] = []): RunContext {
  return { random: createRandom(1), cacheDir: dir, progress: silentProgress, log: (m) => logs.push(m), tf: () => Promise.reject(new Error('no tf in this test')) };
}

function audioFile(name = 'clip.wav', frequency = 440): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, wavBytes([sine(frequency, 16000, 2, 0.5)], 'pcm16', { sampleRate: 16000 }));
  return file;
}

const source = (file: string): SequenceSource => ({ id: path.basename(file), domain: 'test', group: 'g', audio: { kind: 'file', path: file } });

describe('feature cache', () => {
  it('a rerun reads the cache instead of extracting again (also from a fresh cache object)', async () => {
    const set = countingSet();
    const file = audioFile();
    const first = await featuresOf(source(file), set, { a: 1, b: [2, 3] }, new FeatureCache(path.join(dir, 'features')), context());
    expect(set.calls).toBe(1);
    expect(set.rates).toEqual([8000]); // resampled to the rate the set declares
    expect(first.rows).toBe(4);
    // Same content, same options in another key order, a new cache object: no extraction.
    const again = await featuresOf(source(file), set, { b: [2, 3], a: 1 }, new FeatureCache(path.join(dir, 'features')), context());
    expect(set.calls).toBe(1);
    expect(Array.from(again.data)).toEqual(Array.from(first.data));
    expect(Array.from(again.times)).toEqual([0.25, 0.75, 1.25, 1.75]);
    expect(again.names).toEqual(['mean', 'peak']);
  });

  it('recomputes for other options, another version, or other audio content', async () => {
    const set = countingSet();
    const cache = new FeatureCache(path.join(dir, 'features'));
    const file = audioFile();
    await featuresOf(source(file), set, { a: 1 }, cache, context());
    await featuresOf(source(file), set, { a: 2 }, cache, context());
    expect(set.calls).toBe(2);
    const bumped = countingSet('2');
    await featuresOf(source(file), bumped, { a: 1 }, cache, context());
    expect(bumped.calls).toBe(1);
    // Same path, new content (a copy elsewhere with the same content is a hit, though).
    fs.writeFileSync(file, wavBytes([sine(1000, 16000, 2, 0.5)], 'pcm16'));
    await featuresOf(source(file), set, { a: 1 }, cache, context());
    expect(set.calls).toBe(3);
    fs.copyFileSync(file, path.join(dir, 'copy.wav'));
    await featuresOf(source(path.join(dir, 'copy.wav')), set, { a: 1 }, cache, context());
    expect(set.calls).toBe(3);
  });

  it.each([
    ['a flipped payload byte', (b: Buffer) => { b[2] ^= 0x40; return b; }, /checksum/],
    ['a payload cut short', (b: Buffer) => Buffer.concat([b.subarray(0, 4), b.subarray(12)]), /payload is/],
    ['a truncated entry', (b: Buffer) => b.subarray(0, b.length - 10), /header cut short|JSON/],
    ['a cut header', (b: Buffer) => b.subarray(b.length - 20), /header cut short/],
    ['an empty file', () => Buffer.alloc(0), /shorter than its header/],
    ['garbage', () => Buffer.from('{{{{{ not json at all\x05\x00\x00\x00'), /JSON/],
  ])('detects %s, never uses it, and recomputes', async (_name, corrupt, reason) => {
    const set = countingSet();
    const cache = new FeatureCache(path.join(dir, 'features'));
    const file = audioFile();
    const good = await featuresOf(source(file), set, {}, cache, context());
    const key = FeatureCache.key({ audioKey: fileContentKey(file), featureSet: 'counting', version: '1', options: {} });
    expect(cache.lookup(key).status).toBe('hit');
    fs.writeFileSync(cache.file(key), corrupt(fs.readFileSync(cache.file(key))));
    const found = cache.lookup(key);
    expect(found.status).toBe('corrupt');
    expect(found.status === 'corrupt' && found.reason).toMatch(reason);
    expect(cache.get(key)).toBeUndefined();
    const logs: string[] = [];
    const recomputed = await featuresOf(source(file), set, {}, cache, context(logs));
    expect(set.calls).toBe(2);
    expect(logs.join('\n')).toMatch(/clip\.wav: cached features unusable/);
    expect(Array.from(recomputed.data)).toEqual(Array.from(good.data));
    expect(cache.lookup(key).status).toBe('hit'); // rewritten
  });

  it('a set with no fixed rate (describe() frameRate 0: one row per file) is extracted; a negative rate is refused', async () => {
    const file = audioFile();
    const perFile: FeatureSet = {
      manifest: { id: 'per-file', kind: 'features', description: 'test', version: '1', options: { type: 'object' } },
      describe: () => ({ names: ['length'], frameRate: 0 }),
      extract: async (audio) => createFeatureMatrix(['length'], audio.sampleRate / audio.samples.length, Float64Array.of(1), Float32Array.of(audio.samples.length)),
    };
    const m = await featuresOf(source(file), perFile, {}, new FeatureCache(path.join(dir, 'features')), context());
    expect([m.rows, m.data[0]]).toEqual([1, 32000]);
    const negative = { ...perFile, describe: () => ({ names: ['length'], frameRate: -1 }) };
    await expect(featuresOf(source(file), negative, {}, new FeatureCache(path.join(dir, 'features')), context())).rejects.toThrow(/frame rate of -1/);
  });

  it('an entry copied under another key is not used', () => {
    const cache = new FeatureCache(path.join(dir, 'features'));
    const m = createFeatureMatrix(['x'], 1, Float64Array.of(0.5), Float32Array.of(3));
    cache.set('a'.repeat(64), m);
    fs.mkdirSync(path.dirname(cache.file('b'.repeat(64))), { recursive: true });
    fs.copyFileSync(cache.file('a'.repeat(64)), cache.file('b'.repeat(64)));
    expect(cache.lookup('b'.repeat(64))).toEqual({ status: 'corrupt', reason: 'entry belongs to another key' });
    expect(cache.get('a'.repeat(64))?.data[0]).toBe(3);
  });

  it('written in chunks, read back whole and in chunks; a killed writer\'s temporary file of the entry is removed', () => {
    const cache = new FeatureCache(path.join(dir, 'features'));
    const key = 'c'.repeat(64);
    fs.mkdirSync(path.dirname(cache.file(key)), { recursive: true });
    const stale = `${cache.file(key)}.99999999.abc.tmp`;
    const other = `${cache.file(`${'c'.repeat(63)}d`)}.99999999.abc.tmp`; // same folder, another entry
    fs.writeFileSync(stale, 'half an entry');
    fs.writeFileSync(other, 'another entry being written');
    const writer = cache.writer(key);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(other)).toBe(true);
    for (let r = 0; r < 5; r++) writer.append(createFeatureMatrix(['x', 'y'], 2, Float64Array.of(r, r + 0.5), Float32Array.of(r, -r, r + 0.5, -r - 0.5)));
    expect(cache.lookup(key).status).toBe('miss'); // nothing under the entry's name before commit
    writer.commit();
    const whole = cache.get(key)!;
    expect(Array.from(whole.times)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
    expect(Array.from(whole.data.subarray(0, 6))).toEqual([0, -0, 0.5, -0.5, 1, -1]);
    const opened = cache.open(key, 3);
    if (opened.status !== 'hit') throw new Error(opened.status);
    const chunks: number[][] = [];
    opened.read((chunk) => chunks.push(Array.from(chunk.times)));
    expect(chunks).toEqual([[0, 0.5, 1], [1.5, 2, 2.5], [3, 3.5, 4], [4.5]]);
  });

  it('a writer given up after its rows went to the disk in the background leaves nothing; the next one commits', async () => {
    const cache = new FeatureCache(path.join(dir, 'features'));
    const key = 'e'.repeat(64);
    const rows = createFeatureMatrix(['x'], 1, Float64Array.of(0, 1), Float32Array.of(1, 2));
    const given = cache.writer(key);
    given.append(rows); // starts the background flush of the rows
    given.abort();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the flush finishes on a file already removed
    expect(fs.readdirSync(path.dirname(cache.file(key)))).toEqual([]);
    const writer = cache.writer(key);
    writer.append(rows);
    writer.commit(); // right after the flush began: commit's own fsync does not wait for it
    expect(Array.from(cache.get(key)!.data)).toEqual([1, 2]);
    expect(fs.readdirSync(path.dirname(cache.file(key)))).toEqual([path.basename(cache.file(key))]);
  });
});

describe('fileContentKey', () => {
  it('is the SHA-256 of the bytes, streamed for files larger than a chunk', () => {
    const file = path.join(dir, 'big.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    fs.writeFileSync(file, bytes);
    expect(fileContentKey(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('remembers the hash on disk and notices a changed file', () => {
    const memo = path.join(dir, 'hashes');
    const file = audioFile();
    const key = fileContentKey(file, memo);
    const stored = fs.readdirSync(memo).map((f) => JSON.parse(fs.readFileSync(path.join(memo, f), 'utf8')));
    expect(stored).toHaveLength(1);
    expect(stored[0].hash).toBe(key);
    fs.writeFileSync(file, 'other content');
    expect(fileContentKey(file, memo)).toBe(createHash('sha256').update('other content').digest('hex'));
  });

  it('names a missing file', () => {
    expect(() => fileContentKey(path.join(dir, 'gone.wav'))).toThrow(BadInputError);
    expect(() => fileContentKey(path.join(dir, 'gone.wav'))).toThrow(/gone\.wav: audio file not found/);
  });
});
