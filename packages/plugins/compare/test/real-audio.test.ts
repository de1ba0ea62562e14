/**
 * Real-audio regression test against SMILExtract without SMILExtract: 2 s excerpts of Debian-packaged speech
 * (pocketsphinx-testdata, BSD-2; LibriVox, public domain) and music (drascula-music, the Drascula licence,
 * BSD-like), cut and resampled by sox to 8, 16, 22.05, 44.1 and 48 kHz, against the LLD CSVs openSMILE 3.0's
 * SMILExtract wrote for the same WAVs (test/real-audio/references, made by make-references.js with
 * IS13_ComParE.conf and ComParE_2016.conf). Per rate, speech and music pooled, a column agrees when
 * r >= 0.99 with SMILExtract's (or both are the same constant).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodeAudioFile, type FeatureMatrix } from '@emotrans/core';
import { compare2016Lld, compareLld, comparEGrid, COMPARE_TRACK_NAMES } from '@emotrans/plugin-compare';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const recordings = require('./real-audio/recordings.js') as {
  TEST_EXCERPTS: { id: string; recording: string; rate: number }[];
  RATES: number[];
  unavailable(excerpt: unknown): string | undefined;
  makeExcerpt(excerpt: unknown, dir: string): { file: string; sha256: string };
};

const REFERENCES = path.join(__dirname, 'real-audio', 'references');
const manifest = JSON.parse(fs.readFileSync(path.join(REFERENCES, 'excerpts.json'), 'utf8')) as { excerpts: { id: string; sha256: string }[] };
const missing = recordings.TEST_EXCERPTS.map((e) => recordings.unavailable(e)).find(Boolean);
if (missing) console.warn(`real-audio.test: skipped, ${missing}`);
const describeIf = missing ? describe.skip : describe;

interface Reference {
  readonly times: number[];
  readonly columns: Map<string, Float64Array>;
}

function readReference(id: string, variant: string): Reference {
  const text = zlib.gunzipSync(fs.readFileSync(path.join(REFERENCES, `${id}.${variant}.csv.gz`))).toString('utf8');
  const [head, ...lines] = text.trim().split('\n');
  const names = head.split(',');
  const rows = lines.map((l) => l.split(',').map(Number));
  const columns = new Map(names.slice(1).map((name, j) => [name, Float64Array.from(rows, (r) => r[j + 1])]));
  return { times: rows.map((r) => r[0]), columns };
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  if (saa === 0 && sbb === 0) return Math.abs(ma - mb) <= 1e-6 * Math.max(1, Math.abs(mb)) ? 1 : 0;
  return sab / Math.sqrt(saa * sbb);
}

function column(matrix: FeatureMatrix, name: string): Float64Array {
  const j = matrix.names.indexOf(name);
  return Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + j]);
}

/** Per column, r over the rate's excerpts pooled, of emotrans' values against the reference's. */
function agreement(pairs: { matrix: FeatureMatrix; reference: Reference }[], names: readonly string[]): Map<string, number> {
  return new Map(
    names.map((name) => {
      const ours: number[] = [];
      const theirs: number[] = [];
      for (const { matrix, reference } of pairs) {
        ours.push(...column(matrix, name));
        theirs.push(...reference.columns.get(name)!);
      }
      return [name, pearson(ours, theirs)];
    }),
  );
}

describeIf('compare-lld against SMILExtract on real speech and music at every native rate', () => {
  let dir: string;
  const files = new Map<string, string>();
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-real-audio-'));
    for (const excerpt of recordings.TEST_EXCERPTS) {
      const { file, sha256 } = recordings.makeExcerpt(excerpt, dir);
      const expected = manifest.excerpts.find((e) => e.id === excerpt.id)?.sha256;
      // SMILExtract's references were made from exactly this WAV; another sox would need new references.
      if (sha256 !== expected) throw new Error(`${excerpt.id}: sox made another WAV (sha256 ${sha256}, references from ${expected}); rerun make-references.js`);
      files.set(excerpt.id, file);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(recordings.RATES)('%i Hz: frames and times on openSMILE\'s grid, >= 128 of 130 IS13_ComParE columns r >= 0.99', async (rate) => {
    const pairs = [];
    for (const excerpt of recordings.TEST_EXCERPTS.filter((e) => e.rate === rate)) {
      const audio = await decodeAudioFile(files.get(excerpt.id)!);
      expect(audio.sampleRate).toBe(rate);
      const matrix = await compareLld.extract(audio, {}, undefined as never);
      const reference = readReference(excerpt.id, 'IS13_ComParE');
      // Same rows; openSMILE's frameTime is the frame start k hop / rate, ours the centre of the 20 ms window.
      expect(matrix.rows).toBe(reference.times.length);
      const grid = comparEGrid(rate);
      for (let k = 0; k < matrix.rows - 1; k++) {
        expect(reference.times[k]).toBeCloseTo((k * grid.hop) / rate, 5);
        expect(matrix.times[k]).toBeCloseTo((k * grid.hop + grid.shortLength / 2) / rate, 9);
      }
      pairs.push({ matrix, reference });
    }
    const r = agreement(pairs, COMPARE_TRACK_NAMES);
    const failing = [...r].filter(([, v]) => !(v >= 0.99)).map(([name, v]) => `${name} r=${v.toFixed(4)}`);
    expect(failing.length <= 2 ? [] : failing).toEqual([]);
  });

  it.each(recordings.RATES)("%i Hz: the ComParE_2016 variant's jitter and shimmer agree with ComParE_2016.conf (IS13's do not)", async (rate) => {
    const names = ['jitterLocal', 'jitterDDP', 'shimmerLocal'].flatMap((n) => [`${n}_sma`, `${n}_sma_de`]);
    const pairs2016 = [];
    const pairsIs13 = [];
    for (const excerpt of recordings.TEST_EXCERPTS.filter((e) => e.rate === rate)) {
      const audio = await decodeAudioFile(files.get(excerpt.id)!);
      const reference = readReference(excerpt.id, 'ComParE_2016');
      pairs2016.push({ matrix: await compare2016Lld.extract(audio, {}, undefined as never), reference });
      pairsIs13.push({ matrix: await compareLld.extract(audio, { variant: 'IS13_ComParE' }, undefined as never), reference });
    }
    // The six columns where the configurations differ; as for IS13, at most 2 of the 130 may miss r >= 0.99
    // (in 2 s excerpts the last rows weigh: there openSMILE's end-of-input flush gives jitter other values).
    const failing = [...agreement(pairs2016, names)].filter(([, v]) => !(v >= 0.99));
    expect(failing.length).toBeLessThanOrEqual(2);
    for (const [, v] of failing) expect(v).toBeGreaterThan(0.95);
    // The IS13 definition does not reproduce ComParE_2016's numbers (so the variant is what makes them agree).
    expect(Math.min(...agreement(pairsIs13, names).values())).toBeLessThan(0.99);
  });

  it("deltaNormaliser 'opensmile' reproduces SMILExtract's fading voicing deltas, 'per-frame' does not", async () => {
    const audio = await decodeAudioFile(files.get('speech-16000')!);
    const reference = readReference('speech-16000', 'IS13_ComParE');
    const names = ['F0final', 'voicingFinalUnclipped', 'jitterLocal', 'jitterDDP', 'shimmerLocal', 'logHNR'].map((n) => `${n}_sma_de`);
    const opensmile = agreement([{ matrix: await compareLld.extract(audio, { deltaNormaliser: 'opensmile' }, undefined as never), reference }], names);
    const perFrame = await compareLld.extract(audio, { deltaNormaliser: 'per-frame' }, undefined as never);
    expect([...opensmile].filter(([, v]) => !(v >= 0.99))).toEqual([]);
    // Per frame the deltas are larger, and ever more so through the file (openSMILE's normaliser only grows).
    const f0Delta = column(perFrame, 'F0final_sma_de');
    const theirs = reference.columns.get('F0final_sma_de')!;
    const rms = (v: ArrayLike<number>, from: number, to: number) => Math.sqrt(Array.from(v).slice(from, to).reduce((s, x) => s + x * x, 0) / (to - from));
    const half = Math.floor(perFrame.rows / 2);
    expect(rms(f0Delta, 0, half) / rms(theirs, 0, half)).toBeGreaterThan(3);
    expect(rms(f0Delta, half, perFrame.rows) / rms(theirs, half, perFrame.rows)).toBeGreaterThan(rms(f0Delta, 0, half) / rms(theirs, 0, half));
  });

  it('sampleRate resamples first: the 44.1 kHz excerpt analysed on the 16 kHz grid', async () => {
    const audio = await decodeAudioFile(files.get('speech-44100')!);
    expect(compareLld.describe({ sampleRate: 16000 }).sampleRate).toBe(16000);
    expect(compareLld.describe({}).sampleRate).toBeUndefined();
    const matrix = await compareLld.extract(audio, { sampleRate: 16000 }, undefined as never);
    const native16k = readReference('speech-16000', 'IS13_ComParE');
    expect(matrix.rows).toBe(native16k.times.length);
    expect(matrix.frameRate).toBe(100);
    // The resampled analysis follows SMILExtract's on sox's 16 kHz copy closely in the smooth spectral columns.
    const r = agreement([{ matrix, reference: native16k }], ['pcm_RMSenergy_sma', 'mfcc_sma[1]', 'audspec_lengthL1norm_sma']);
    for (const v of r.values()) expect(v).toBeGreaterThan(0.99);
  });
});
