import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRandom, decodeAudioFile, silentProgress, type CorpusData, type RunContext } from '@emotrans/core';
import { pearson } from '@emotrans/plugin-metrics';
import { synthCorpus, type SynthCorpusOptions } from '../src';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-synth-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const context = (cacheDir: string, seed = 5): RunContext => ({
  random: createRandom(seed),
  cacheDir,
  progress: silentProgress,
  log: () => {},
  tf: () => {
    throw new Error('not needed');
  },
});

const small = (domain: 'music' | 'speech', extra: Partial<SynthCorpusOptions> = {}): SynthCorpusOptions => ({
  domain,
  sequences: 4,
  unlabelled: 2,
  minSeconds: 12,
  maxSeconds: 16,
  sampleRate: 16000,
  speakers: 2,
  raters: 6,
  reactionLag: 1.5,
  raterNoise: 0.15,
  seed: 42,
  voice: 'formant',
  ...extra,
});

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const hashes = (data: CorpusData) => [...data.labelled, ...data.unlabelled].map((s) => (s.audio.kind === 'file' ? sha256(s.audio.path) : ''));

describe.each(['music', 'speech'] as const)('emotrans-synth %s', (domain) => {
  let first: CorpusData;
  beforeAll(async () => {
    first = await synthCorpus.load(small(domain), context(path.join(work, `${domain}-a`)));
  });

  it('is byte-identical for the same seed (files generated twice in separate caches) and differs for another seed', async () => {
    const again = await synthCorpus.load(small(domain), context(path.join(work, `${domain}-b`)));
    expect(hashes(again)).toEqual(hashes(first));
    expect(again.labelled.map((s) => s.labels)).toEqual(first.labelled.map((s) => s.labels));
    const other = await synthCorpus.load(small(domain, { seed: 43, sequences: 2, unlabelled: 0 }), context(path.join(work, `${domain}-c`)));
    expect(hashes(other)[0]).not.toBe(hashes(first)[0]);
  });

  it('takes the seed from the run when none is given', async () => {
    const fromRun = (seed: number) => synthCorpus.load(small(domain, { seed: undefined, sequences: 2, unlabelled: 0 }), context(path.join(work, `${domain}-run`), seed));
    expect(((await fromRun(1)).report as Record<string, unknown>).seed).toBe(createRandom(1).seed);
    expect(hashes(await fromRun(1))).not.toEqual(hashes(await fromRun(2)));
  });

  it('reuses the generated files on the next load', async () => {
    const file = first.labelled[0].audio.kind === 'file' ? first.labelled[0].audio.path : '';
    const before = fs.statSync(file).mtimeMs;
    const again = await synthCorpus.load(small(domain), context(path.join(work, `${domain}-a`)));
    expect((again.report as Record<string, unknown>).generatedNow).toBe(0);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it('writes 16 kHz mono WAVs of 12-16 s with 1 Hz labels in [-1, 1] covering them', async () => {
    expect(first.labelled).toHaveLength(4);
    expect(first.unlabelled).toHaveLength(2);
    expect(first.unlabelled.every((s) => s.labels === undefined)).toBe(true);
    for (const sequence of first.labelled) {
      const audio = await decodeAudioFile(sequence.audio.kind === 'file' ? sequence.audio.path : '');
      expect(audio.sampleRate).toBe(16000);
      const seconds = audio.samples.length / 16000;
      expect(Number.isInteger(seconds) && seconds >= 12 && seconds <= 16).toBe(true);
      const labels = sequence.labels!;
      expect(Array.from(labels.times)).toEqual(Array.from({ length: seconds + 1 }, (_, i) => i));
      for (const values of [labels.arousal, labels.valence]) for (const v of values) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
  });

  it('groups sequences by piece (music: one each) or speaker (speech: cycling through the speakers); the pool has its own', () => {
    const groups = first.labelled.map((s) => s.group);
    if (domain === 'music') expect(new Set(groups).size).toBe(4);
    else expect(groups).toEqual(['spk1', 'spk2', 'spk1', 'spk2']);
    // The unlabelled pool has its own pieces and speakers: nothing in it is a labelled group.
    const pool = first.unlabelled.map((s) => s.group);
    expect(pool.filter((g) => groups.includes(g))).toEqual([]);
    if (domain === 'speech') expect(pool).toEqual(['pool1', 'pool2']);
  });

  it('codes arousal as loudness: per-second level follows the gold arousal (r > 0.6)', async () => {
    const levels: number[] = [];
    const gold: number[] = [];
    for (const sequence of first.labelled) {
      const { samples } = await decodeAudioFile(sequence.audio.kind === 'file' ? sequence.audio.path : '');
      // Raters lag by about 1.5 s: second s is compared with the rating at s + 2.
      for (let s = 0; s + 2 < sequence.labels!.times.length; s++) {
        let energy = 0;
        for (let i = s * 16000; i < (s + 1) * 16000; i++) energy += samples[i] * samples[i];
        levels.push(10 * Math.log10(energy / 16000 + 1e-12));
        gold.push(sequence.labels!.arousal[s + 2]);
      }
    }
    expect(pearson.score(levels, gold)).toBeGreaterThan(0.6);
  });
});

describe('emotrans-synth options', () => {
  it('rejects a duration range that is upside down', async () => {
    await expect(synthCorpus.load(small('music', { minSeconds: 20, maxSeconds: 10 }), context(path.join(work, 'bad')))).rejects.toThrow(
      /maxSeconds \(10\) is below minSeconds \(20\)/,
    );
  });
});

// CI installs espeak-ng (.ci/run); elsewhere the built-in voice is all there is.
const haveEspeak = spawnSync('espeak-ng', ['--version']).status === 0;
(haveEspeak ? describe : describe.skip)('emotrans-synth speech with voice: espeak', () => {
  const options = small('speech', { voice: 'espeak', sequences: 2, unlabelled: 0, minSeconds: 10, maxSeconds: 12 });

  it('renders audible espeak-ng speech at 16 kHz reproducibly (same bytes twice), distinct from the formant voice', async () => {
    const first = await synthCorpus.load(options, context(path.join(work, 'espeak-a')));
    const again = await synthCorpus.load(options, context(path.join(work, 'espeak-b')));
    expect(hashes(again)).toEqual(hashes(first));
    expect(hashes(first)[0]).not.toBe(hashes(await synthCorpus.load(small('speech', { sequences: 2, unlabelled: 0, minSeconds: 10, maxSeconds: 12 }), context(path.join(work, 'espeak-a'))))[0]);
    expect((first.report as Record<string, { espeak: string }>).voice.espeak).toMatch(/eSpeak NG/);
    for (const sequence of first.labelled) {
      const audio = await decodeAudioFile(sequence.audio.kind === 'file' ? sequence.audio.path : '');
      expect(audio.sampleRate).toBe(16000);
      let energy = 0;
      for (const x of audio.samples) energy += x * x;
      expect(10 * Math.log10(energy / audio.samples.length)).toBeGreaterThan(-45); // speech, not silence
    }
  });
});

it('lets the event loop run between generated files, so Ctrl-C and SIGTERM are not held up until the corpus is written', async () => {
  // The longest stretch without a timer firing, while 12 files are generated.
  let last = Date.now();
  let longest = 0;
  const timer = setInterval(() => {
    longest = Math.max(longest, Date.now() - last);
    last = Date.now();
  }, 5);
  const started = Date.now();
  await synthCorpus.load(small('music', { sequences: 12, unlabelled: 0, sampleRate: 8000 }), context(path.join(work, 'responsive')));
  const took = Date.now() - started;
  clearInterval(timer);
  longest = Math.max(longest, Date.now() - last); // the stretch up to the end counts too
  // One file at a time, not the whole corpus in one go.
  expect(took).toBeGreaterThan(100);
  expect(longest).toBeLessThan(took / 3);
});
