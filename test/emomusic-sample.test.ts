/**
 * The 10 real MediaEval "Emotion in Music" clips of ../shared/data/emomusic-sample, loaded with the deam
 * loader and the MediaEval 2014 recipe documented in the corpora README: every song, every point, every value
 * as in the release's CSVs (read here independently of the loader's CSV reader), and audio that decodes.
 * Skipped, saying so, when the shared folder is absent (set EMOTRANS_SHARED to where it is).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRandom, silentProgress, validateAgainst, type CorpusData } from '@emotrans/core';
import { deamCorpus, type DeamOptions } from '@emotrans/plugin-corpora';
import { readmeRecipes } from '../packages/plugins/corpora/test/readme-recipes';
import { sharedData } from './shared-data';

const sample = sharedData('emomusic-sample');
const SONGS = ['2', '3', '4', '5', '7', '8', '10', '12', '13', '17'];

/** A plain comma-separated file as rows of cells (the sample's annotation CSVs have no quoting). */
function plainCsv(file: string): string[][] {
  return fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).map((line) => line.split(','));
}

(sample.present ? describe : describe.skip)('emomusic-sample (10 real clips, MediaEval 2014 layout) through the deam loader', () => {
  let data: CorpusData;

  beforeAll(async () => {
    const recipe = readmeRecipes().find((r) => r.id === 'deam')!;
    const options = { ...recipe.options, root: sample.dir } as unknown as DeamOptions;
    expect(validateAgainst(deamCorpus.manifest.options, options)).toEqual([]); // fills in the defaults
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-emomusic-'));
    data = await deamCorpus.load(options, { random: createRandom(1), cacheDir, progress: silentProgress, log: () => {}, tf: () => { throw new Error('no tf'); } });
  });

  it('has 10 songs, each its own group, each with 61 points every 0.5 s from 15 to 45 s', () => {
    expect(data.domain).toBe('music');
    expect(data.labelled.map((s) => s.id).sort()).toEqual([...SONGS].sort());
    expect(new Set(data.labelled.map((s) => s.group)).size).toBe(10);
    const expectedTimes = Array.from({ length: 61 }, (_, i) => 15 + i / 2);
    for (const song of data.labelled) expect(Array.from(song.labels!.times)).toEqual(expectedTimes);
    expect(data.report).toMatchObject({ annotationRate: 2, originalScale: [-1, 1], rescale: 'none', clippedValues: 0, missingPoints: { padding: 0, gaps: 0 } });
  });

  it("holds the CSVs' values exactly (as float32), arousal and valence", () => {
    for (const [dimension, file] of [['arousal', 'arousal_cont_average.csv'], ['valence', 'valence_cont_average.csv']] as const) {
      const [header, ...rows] = plainCsv(path.join(sample.dir, 'annotations', file));
      expect(header).toHaveLength(62);
      expect(rows).toHaveLength(10);
      for (const row of rows) {
        const song = data.labelled.find((s) => s.id === row[0])!;
        expect(Array.from(song.labels![dimension])).toEqual(row.slice(1).map((cell) => Math.fround(Number(cell))));
      }
    }
  });

  it('reports the static 1-9 ratings of static_annotations.csv (mean_arousal, mean_valence)', () => {
    const [header, ...rows] = plainCsv(path.join(sample.dir, 'annotations', 'static_annotations.csv'));
    expect(header).toEqual(['song_id', 'mean_arousal', 'std_arousal', 'mean_valence', 'std_valence']);
    const expected = Object.fromEntries(rows.map((r) => [r[0], { arousal: Number(r[1]), valence: Number(r[3]) }]));
    expect((data.report as Record<string, any>).staticAnnotations).toMatchObject({ songs: 10, scale: [1, 9], perSong: expected });
  });

  it('matches every song to its MP3, and every MP3 decodes to about 45 s', () => {
    const files = data.labelled.map((song) => (song.audio as { path: string }).path);
    expect(files).toEqual(data.labelled.map((song) => path.join(sample.dir, 'clips_45seconds', `${song.id}.mp3`)));
    // Decoded by core in a child process: inside jest's sandbox the decoder runs about 15 times slower.
    const script = `const { decodeAudioFile } = require(${JSON.stringify(require.resolve('@emotrans/core'))});
      (async () => { const out = [];
        for (const f of ${JSON.stringify(files)}) { const a = await decodeAudioFile(f); out.push(a.samples.length / a.sampleRate); }
        console.log(JSON.stringify(out)); })();`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const seconds: number[] = JSON.parse(run.stdout);
    expect(seconds).toHaveLength(10);
    for (const s of seconds) expect(Math.abs(s - 45)).toBeLessThan(0.1);
  });
});

if (!sample.present) {
  // jest lists no names when every test of a file is skipped: say why on stderr.
  process.stderr.write(`emomusic-sample tests skipped: ${sample.dir} is absent (set EMOTRANS_SHARED to the shared folder)\n`);
  it.skip(`emomusic-sample: ${sample.dir} is absent`, () => {});
}
