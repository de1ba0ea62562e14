import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BadInputError,
  createRandom,
  createSession,
  encodeWav16,
  FeatureCache,
  featuresOf,
  silentProgress,
  validateAgainst,
  type RunContext,
  type SequenceSource,
} from '@emotrans/core';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-osimport-'));
  fs.mkdirSync(path.join(dir, 'audio'));
  fs.mkdirSync(path.join(dir, 'features'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A 16-bit mono WAV of `seconds` of silence at 8 kHz. */
function silentWav(file: string, seconds: number): void {
  fs.writeFileSync(file, encodeWav16(new Float32Array(Math.round(8000 * seconds)), 8000));
}

const context = (): RunContext => ({ random: createRandom(1), cacheDir: dir, progress: silentProgress, log: () => {}, tf: () => Promise.reject(new Error('unused')) });
const source = (file: string): SequenceSource => ({ id: path.basename(file), domain: 'speech', group: 'g', audio: { kind: 'file', path: file } });

describe('opensmile-import feature set', () => {
  const set = () => createSession().registry.get('features', 'opensmile-import');

  it('is registered and validates its options (dir required, defaults filled)', () => {
    const options: Record<string, unknown> = { dir: 'x' };
    expect(validateAgainst(set().manifest.options, options)).toEqual([]);
    expect(options).toEqual({ dir: 'x', extension: '.csv', format: 'auto', timeShift: 0 });
    expect(validateAgainst(set().manifest.options, {}, 'features.options')).toEqual(['features.options.dir: missing; it is required']);
  });

  it('reads the feature file named like each audio file, never from the cache', async () => {
    const featureSet = set();
    const cache = new FeatureCache(path.join(dir, 'cache'));
    for (const [name, value] of [['one', 1], ['two', 2]] as const) {
      silentWav(path.join(dir, 'audio', `${name}.wav`), 2);
      fs.writeFileSync(path.join(dir, 'features', `${name}.arff`), `@relation r\n@attribute frameTime numeric\n@attribute level numeric\n@data\n0,${value}\n1,${value * 10}\n`);
    }
    const options: Record<string, unknown> = { dir: path.join(dir, 'features'), extension: '.arff', timeShift: 0.5 };
    validateAgainst(featureSet.manifest.options, options);
    expect(featureSet.describe(options)).toMatchObject({ names: ['level'], frameRate: 1, cache: false });
    const one = await featuresOf(source(path.join(dir, 'audio', 'one.wav')), featureSet, options, cache, context());
    const two = await featuresOf(source(path.join(dir, 'audio', 'two.wav')), featureSet, options, cache, context());
    expect(Array.from(one.data)).toEqual([1, 10]);
    expect(Array.from(two.data)).toEqual([2, 20]);
    expect(Array.from(two.times)).toEqual([0.5, 1.5]);
    // New openSMILE output for the same audio is picked up (nothing stale from a cache).
    fs.writeFileSync(path.join(dir, 'features', 'one.arff'), '@relation r\n@attribute frameTime numeric\n@attribute level numeric\n@data\n0,5\n1,6\n');
    const again = await featuresOf(source(path.join(dir, 'audio', 'one.wav')), featureSet, options, cache, context());
    expect(Array.from(again.data)).toEqual([5, 6]);
  });

  it('names the audio and the feature file it looked for when one is missing', async () => {
    const featureSet = set();
    const audio = path.join(dir, 'audio', 'lonely.wav');
    silentWav(audio, 1);
    const options: Record<string, unknown> = { dir: path.join(dir, 'features') };
    validateAgainst(featureSet.manifest.options, options);
    const error = await featuresOf(source(audio), featureSet, options, new FeatureCache(path.join(dir, 'cache')), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toContain(audio);
    expect((error as Error).message).toContain(path.join(dir, 'features', 'lonely.csv'));
  });
});
