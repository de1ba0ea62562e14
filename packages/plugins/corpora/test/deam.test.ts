import fs from 'node:fs';
import path from 'node:path';
import { BadInputError } from '@emotrans/core';
import { deamCorpus, type DeamOptions } from '../src';
import { mediaEvalLayout, tempDir, writeFakeMp3, writeText, writeWav } from './fixture-files';
import { testContext } from './run-context';

const AVERAGED = 'DEAM_Annotations/annotations/annotations averaged per song/dynamic (per second annotations)';
const PER_RATER = 'DEAM_Annotations/annotations/annotations per each rater/dynamic (per second annotations)';
const AUDIO = 'DEAM_audio/MEMD_audio';

const defaults = (root: string, extra: Partial<DeamOptions> = {}): DeamOptions => ({
  root,
  audioDir: AUDIO,
  annotationsDir: 'DEAM_Annotations/annotations',
  variant: 'averaged',
  averagedDir: 'annotations averaged per song/dynamic (per second annotations)',
  arousalFile: 'arousal.csv',
  valenceFile: 'valence.csv',
  perRaterDir: 'annotations per each rater/dynamic (per second annotations)',
  staticDir: 'annotations averaged per song/song_level',
  missingAudio: 'error',
  unlabelled: false,
  ...extra,
});

/** DEAM's layout: a row per song, `sample_<ms>ms` columns from 15 s every 0.5 s, shorter songs' rows end early. */
function deamLayout(): string {
  const root = tempDir('deam');
  writeWav(root, `${AUDIO}/2.wav`, 17);
  writeFakeMp3(root, `${AUDIO}/3.mp3`);
  writeWav(root, `${AUDIO}/10.wav`, 15.6); // shorter than its annotations: the 16.0 s point is past the end
  writeWav(root, `${AUDIO}/99.wav`, 17); // no annotations
  writeText(root, `${AVERAGED}/arousal.csv`, 'song_id, sample_15000ms, sample_15500ms, sample_16000ms\n2,0.1,0.2,0.3\n3,-0.5,-0.4,\n10,0,0.5,1\n');
  writeText(root, `${AVERAGED}/valence.csv`, 'song_id,sample_15000ms,sample_15500ms,sample_16000ms\n2,-0.1,-0.2,-0.3\n3,0.5,0.4,\n10,0.25,0.25,0.25\n');
  writeText(
    root,
    'DEAM_Annotations/annotations/annotations averaged per song/song_level/static_annotations_averaged_songs_1_2000.csv',
    'song_id, valence_mean, valence_std, arousal_mean, arousal_std\n2,3.1,0.9,6.2,1.1\n3,4.0,1.0,5.0,1.0\n',
  );
  return root;
}

describe('deam loader', () => {
  const root = deamLayout();
  const cache = tempDir('deam-cache');

  it('reads averaged dynamic annotations at 2 Hz from 15 s, values unchanged on [-1, 1], one group per song', async () => {
    const data = await deamCorpus.load(defaults(root), testContext(cache));
    expect(data.domain).toBe('music');
    expect(data.labelled.map((s) => s.id)).toEqual(['2', '3', '10']); // in file order
    const song2 = data.labelled.find((s) => s.id === '2')!;
    expect(Array.from(song2.labels!.times)).toEqual([15, 15.5, 16]);
    expect(Array.from(song2.labels!.arousal)).toEqual([0.1, 0.2, 0.3].map(Math.fround));
    expect(Array.from(song2.labels!.valence)).toEqual([-0.1, -0.2, -0.3].map(Math.fround));
    expect(song2.group).toBe('2');
    expect(song2.audio).toEqual({ kind: 'file', path: path.join(root, AUDIO, '2.wav') });
    // A shorter row (ragged CSV) gives a shorter trace; an MP3 matches by its name.
    const song3 = data.labelled.find((s) => s.id === '3')!;
    expect(Array.from(song3.labels!.times)).toEqual([15, 15.5]);
    expect(song3.audio).toEqual({ kind: 'file', path: path.join(root, AUDIO, '3.mp3') });
    expect(new Set(data.labelled.map((s) => s.group)).size).toBe(3);
  });

  it('drops annotation points past the end of the audio and reports them, the unmatched audio and the static ratings', async () => {
    const data = await deamCorpus.load(defaults(root), testContext(cache));
    const song10 = data.labelled.find((s) => s.id === '10')!;
    expect(Array.from(song10.labels!.times)).toEqual([15, 15.5]);
    const report = data.report as Record<string, any>;
    expect(report.truncated).toEqual([{ id: '10', points: 1, audioSeconds: 15.6 }]);
    expect(report.unmatchedAudio).toMatchObject({ count: 1, ids: ['99'], usedAsUnlabelled: false });
    expect(report.originalScale).toEqual([-1, 1]);
    expect(report.rescale).toBe('none');
    expect(report.annotationRate).toBe(2);
    expect(report.staticAnnotations.songs).toBe(2);
    expect(report.staticAnnotations.perSong['2']).toEqual({ arousal: 6.2, valence: 3.1 });
    expect(data.unlabelled).toEqual([]);
  });

  it('puts songs without dynamic annotations into the unlabelled pool when asked, plus an unlabelledDir', async () => {
    const extra = tempDir('deam-extra');
    writeWav(extra, 'set1/a.wav', 2);
    const data = await deamCorpus.load(defaults(root, { unlabelled: true, unlabelledDir: extra }), testContext(cache));
    expect(data.unlabelled.map((s) => s.id)).toEqual(['99', 'unlabelled/set1/a']);
    expect(data.unlabelled.every((s) => s.labels === undefined)).toBe(true);
  });

  it('averages the per-rater variant over raters at each time', async () => {
    writeText(root, `${PER_RATER}/arousal/2.csv`, 'WorkerId,sample_15000ms,sample_15500ms\nw1,0.2,0.4\nw2,0.4,0.8\nw3,0.6,\n');
    writeText(root, `${PER_RATER}/valence/2.csv`, 'WorkerId,sample_15000ms,sample_15500ms\nw1,-1,0\nw2,0,0\nw3,0.5,\n');
    const data = await deamCorpus.load(defaults(root, { variant: 'per-rater' }), testContext(cache));
    expect(data.labelled.map((s) => s.id)).toEqual(['2']);
    const labels = data.labelled[0].labels!;
    expect(labels.arousal[0]).toBeCloseTo(0.4, 6); // (0.2 + 0.4 + 0.6) / 3
    expect(labels.arousal[1]).toBeCloseTo(0.6, 6); // w3 stopped: (0.4 + 0.8) / 2
    expect(labels.valence[0]).toBeCloseTo(-1 / 6, 6);
    expect((data.report as Record<string, any>).ratersPerSong).toEqual({ '2': 3 });
  });

  it('reads the MediaEval 2014 naming of the same format through the path options', async () => {
    const dir = tempDir('mediaeval2014');
    writeWav(dir, 'clips_45seconds/1000.wav', 46);
    writeText(dir, 'annotations/arousal_cont_average.csv', 'song_id,sample_15000ms,sample_15500ms\r\n1000,-0.2,0.1\r\n');
    writeText(dir, 'annotations/valence_cont_average.csv', 'song_id,sample_15000ms,sample_15500ms\r\n1000,0.3,0.4\r\n');
    const data = await deamCorpus.load(
      defaults(dir, { audioDir: 'clips_45seconds', annotationsDir: 'annotations', averagedDir: '.', arousalFile: 'arousal_cont_average.csv', valenceFile: 'valence_cont_average.csv' }),
      testContext(cache),
    );
    expect(data.labelled.map((s) => s.id)).toEqual(['1000']);
    expect(Array.from(data.labelled[0].labels!.valence)).toEqual([0.3, 0.4].map(Math.fround));
    expect((data.report as Record<string, unknown>).staticAnnotations).toBe('none found');
  });

  it("reads MediaEval 2014's static file (mean_arousal, mean_valence) from the annotations folder, beside the dynamic files", async () => {
    const { root: dir, staticFile: file } = mediaEvalLayout('mediaeval2014-static', '2', { arousal: [-0.2, 0.1], valence: [0.3, 0.4], static: [3.1, 3] });
    const mediaeval = { audioDir: 'clips_45seconds', annotationsDir: 'annotations', averagedDir: '.', arousalFile: 'arousal_cont_average.csv', valenceFile: 'valence_cont_average.csv' };
    for (const staticDir of ['.', 'static_annotations.csv']) {
      const data = await deamCorpus.load(defaults(dir, { ...mediaeval, staticDir }), testContext(cache));
      expect((data.report as Record<string, any>).staticAnnotations).toEqual({ files: [file], scale: [1, 9], songs: 1, perSong: { '2': { arousal: 3.1, valence: 3 } } });
    }
  });

  it("treats DEAM's NaN padding after a song's end as no value (and NaN or empty cells inside a row as gaps), reporting both", async () => {
    const dir = tempDir('deam-nan');
    for (const id of ['2', '3']) writeWav(dir, `${AUDIO}/${id}.wav`, 17);
    const header = 'song_id,sample_15000ms,sample_15500ms,sample_16000ms,sample_16500ms\n';
    writeText(dir, `${AVERAGED}/arousal.csv`, `${header}2,0.1,0.2,0.3,0.4\n3,-0.5,-0.4,NaN,NaN\n`);
    writeText(dir, `${AVERAGED}/valence.csv`, `${header}2,0.5,NaN,,0.2\n3,0.5,0.4,nan,NaN\n`);
    const data = await deamCorpus.load(defaults(dir), testContext(cache));
    const [song2, song3] = data.labelled.map((s) => s.labels!);
    expect(Array.from(song3.times)).toEqual([15, 15.5]);
    expect(Array.from(song3.arousal)).toEqual([-0.5, -0.4].map(Math.fround));
    // Song 2's valence has no value at 15.5 and 16 s: those times are left out of the trace (interpolated over later).
    expect(Array.from(song2.times)).toEqual([15, 16.5]);
    expect(Array.from(song2.valence)).toEqual([0.5, 0.2].map(Math.fround));
    expect((data.report as Record<string, any>).missingPoints).toEqual({ padding: 4, gaps: 2 });
    expect((data.report as Record<string, any>).unpairedPoints).toBe(2);
  });

  it('reads per-rater files without a WorkerId column from their first time column (15.0 s kept)', async () => {
    const dir = tempDir('deam-rater-noid');
    writeWav(dir, `${AUDIO}/7.wav`, 17);
    writeText(dir, `${PER_RATER}/arousal/7.csv`, 'sample_15000ms,sample_15500ms,sample_16000ms\n0.2,0.4,NaN\n0.4,0.6,0.8\n');
    writeText(dir, `${PER_RATER}/valence/7.csv`, 'sample_15000ms,sample_15500ms,sample_16000ms\n-0.2,0,0.1\n0,0.2,0.3\n');
    const data = await deamCorpus.load(defaults(dir, { variant: 'per-rater' }), testContext(cache));
    const labels = data.labelled[0].labels!;
    expect(Array.from(labels.times)).toEqual([15, 15.5, 16]);
    expect(labels.arousal[0]).toBeCloseTo(0.3, 6);
    expect(labels.arousal[2]).toBeCloseTo(0.8, 6); // one rater's NaN: the mean of the others
    expect(labels.valence[1]).toBeCloseTo(0.1, 6);
    expect((data.report as Record<string, any>).ratersPerSong).toEqual({ '7': 2 });
  });

  describe('bad input', () => {
    const broken = (arousal: string, audio = ['2']) => {
      const dir = tempDir('deam-bad');
      for (const id of audio) writeWav(dir, `${AUDIO}/${id}.wav`, 17);
      writeText(dir, `${AVERAGED}/arousal.csv`, arousal);
      writeText(dir, `${AVERAGED}/valence.csv`, 'song_id,sample_15000ms,sample_15500ms\n2,0,0\n4,0,0\n');
      return dir;
    };
    const load = (dir: string, extra: Partial<DeamOptions> = {}) => deamCorpus.load(defaults(dir, extra), testContext(cache));

    it('names file, line and column of a non-numeric value', async () => {
      const dir = broken('song_id,sample_15000ms,sample_15500ms\n2,0.1,abc\n');
      await expect(load(dir)).rejects.toThrow(BadInputError);
      await expect(load(dir)).rejects.toThrow(`${path.join(dir, AVERAGED, 'arousal.csv')}: line 2: column 'sample_15500ms' (column 3) is 'abc', expected a decimal number`);
    });

    it('rejects a song annotated twice, naming both lines', async () => {
      const dir = broken('song_id,sample_15000ms,sample_15500ms\n2,0.1,0.2\n2,0.3,0.4\n');
      await expect(load(dir)).rejects.toThrow(/arousal\.csv: line 3: song '2' appears twice \(first at line 2\)/);
    });

    it('rejects numbers written other than in decimal (0x10 is not 16), naming file, line and column', async () => {
      for (const cell of ['0x10', '0b1', 'Infinity', '1,5', '.']) {
        const dir = broken(`song_id;sample_15000ms;sample_15500ms\n2;0.1;${cell}\n`);
        await expect(load(dir)).rejects.toThrow(`${path.join(dir, AVERAGED, 'arousal.csv')}: line 2: column 'sample_15500ms' (column 3) is '${cell}', expected a decimal number`);
      }
    });

    it('rejects sample_<ms>ms headers that repeat or go back in time, naming the column', async () => {
      let dir = broken('song_id,sample_15000ms,sample_15500ms,sample_15500ms\n2,0.1,0.2,0.3\n');
      await expect(load(dir)).rejects.toThrow(
        `${path.join(dir, AVERAGED, 'arousal.csv')}: line 1: column 4 'sample_15500ms' repeats the time of column 3 'sample_15500ms' (time columns must increase)`,
      );
      dir = broken('song_id,sample_15000ms,sample_16000ms,sample_15500ms\n2,0.1,0.2,0.3\n');
      await expect(load(dir)).rejects.toThrow(/arousal\.csv: line 1: column 4 'sample_15500ms' goes back in time from column 3 'sample_16000ms'/);
    });

    it('stops on a broken annotation file instead of dropping the song from the corpus', async () => {
      let dir = broken('song_id,sample_15000ms,sample_15500ms\n2,0.1\n4,0,0\n', ['2', '4']);
      await expect(load(dir)).rejects.toThrow(`${path.join(dir, AVERAGED, 'arousal.csv')}: line 2: '2' has a single annotation point (a trace needs at least 2)`);
      dir = broken('song_id,sample_15000ms,sample_15500ms\n2,NaN,NaN\n4,0,0\n', ['2', '4']);
      await expect(load(dir)).rejects.toThrow(/arousal\.csv: line 2: song '2' has no annotation values \(every cell empty or NaN\)/);
      dir = tempDir('deam-rater-broken');
      writeWav(dir, `${AUDIO}/2.wav`, 17);
      writeText(dir, `${PER_RATER}/arousal/2.csv`, 'WorkerId,sample_15000ms,sample_15500ms\n');
      writeText(dir, `${PER_RATER}/valence/2.csv`, 'WorkerId,sample_15000ms,sample_15500ms\nw1,0,0\n');
      await expect(load(dir, { variant: 'per-rater' })).rejects.toThrow(`${path.join(dir, PER_RATER, 'arousal', '2.csv')}: no rater rows below the header`);
    });

    it('rejects a time column it cannot read', async () => {
      const dir = broken('song_id,sample_15000ms,at 15.5 s\n2,0.1,0.2\n');
      await expect(load(dir)).rejects.toThrow(/line 1: column 3 is 'at 15.5 s', expected a time column like 'sample_15000ms'/);
    });

    it('stops on annotations without audio, or drops and reports them with missingAudio: drop', async () => {
      const dir = broken('song_id,sample_15000ms,sample_15500ms\n2,0.1,0.2\n4,0.3,0.4\n');
      await expect(load(dir)).rejects.toThrow(/arousal\.csv: line 3: no audio file for '4' in .*MEMD_audio/);
      const data = await load(dir, { missingAudio: 'drop' });
      expect(data.labelled.map((s) => s.id)).toEqual(['2']);
      expect((data.report as Record<string, any>).unmatchedAnnotations).toMatchObject({ count: 1, ids: ['4'] });
    });

    it('rejects arousal without valence for a song', async () => {
      const dir = broken('song_id,sample_15000ms,sample_15500ms\n2,0.1,0.2\n5,0.3,0.4\n', ['2', '5']);
      await expect(load(dir)).rejects.toThrow(/line 3: song '5' has arousal but no valence annotations/);
    });

    it('rejects two audio files for one id and a missing annotation file', async () => {
      const dir = broken('song_id,sample_15000ms,sample_15500ms\n2,0.1,0.2\n');
      writeFakeMp3(dir, `${AUDIO}/2.mp3`);
      await expect(load(dir)).rejects.toThrow(/two audio files for id '2'/);
      fs.rmSync(path.join(dir, AUDIO, '2.mp3'));
      fs.rmSync(path.join(dir, AVERAGED, 'valence.csv'));
      await expect(load(dir)).rejects.toThrow(/valence\.csv: cannot read annotation file \(ENOENT\)/);
    });
  });
});
