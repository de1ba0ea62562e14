import path from 'node:path';
import { pmemoCorpus, type PmemoOptions } from '../src';
import { tempDir, writeFakeMp3, writeText, writeWav } from './fixture-files';
import { testContext } from './run-context';

const options = (root: string, extra: Partial<PmemoOptions> = {}): PmemoOptions => ({
  root,
  audioDir: 'chorus',
  annotationFile: 'annotations/dynamic_annotations.csv',
  staticFile: 'annotations/static_annotations.csv',
  scale: [0, 1],
  missingAudio: 'error',
  ...extra,
});

describe('pmemo loader', () => {
  const cache = tempDir('pmemo-cache');
  const header = 'musicId,frameTime,Arousal(mean),Valence(mean)\n';

  it('reads the long CSV per song (rows in any order), maps [0, 1] to [-1, 1] and reports the static file', async () => {
    const root = tempDir('pmemo');
    writeFakeMp3(root, 'chorus/1.mp3');
    writeWav(root, 'chorus/4.wav', 20);
    writeText(root, 'annotations/dynamic_annotations.csv', `${header}1,15.5,0.5,0.25\n4,15.5,0,1\n1,16.0,1,0.75\n1,16.5,0.75,0.5\n4,16.0,0.2,0.8\n`);
    writeText(root, 'annotations/static_annotations.csv', 'musicId,Arousal(mean),Valence(mean)\n1,0.6,0.4\n4,0.3,0.7\n');
    const data = await pmemoCorpus.load(options(root), testContext(cache));
    expect(data.labelled.map((s) => s.id)).toEqual(['1', '4']);
    const song1 = data.labelled[0].labels!;
    expect(Array.from(song1.times)).toEqual([15.5, 16, 16.5]);
    expect(Array.from(song1.arousal)).toEqual([0, 1, 0.5]); // 2 x - 1
    expect(Array.from(song1.valence)).toEqual([-0.5, 0.5, 0]);
    const song4 = data.labelled[1].labels!;
    expect(Array.from(song4.arousal)).toEqual([-1, Math.fround(-0.6)]);
    expect(data.labelled[1].audio).toEqual({ kind: 'file', path: path.join(root, 'chorus', '4.wav') });
    const report = data.report as Record<string, any>;
    expect(report).toMatchObject({ corpus: 'pmemo', originalScale: [0, 1], rescale: 'y = 2 (x - 0) / (1 - 0) - 1', annotationRate: 2, groups: 2 });
    expect(report.staticAnnotations).toMatchObject({ songs: 2 });
  });

  it('clips and counts values outside the declared scale', async () => {
    const root = tempDir('pmemo-clip');
    writeWav(root, 'chorus/7.wav', 20);
    writeText(root, 'annotations/dynamic_annotations.csv', `${header}7,15.5,1.2,0.5\n7,16,0.5,-0.1\n`);
    const data = await pmemoCorpus.load(options(root), testContext(cache));
    expect(Array.from(data.labelled[0].labels!.arousal)).toEqual([1, 0]);
    expect(Array.from(data.labelled[0].labels!.valence)).toEqual([0, -1]);
    expect((data.report as Record<string, any>).clippedValues).toBe(2);
  });

  it('reads the 2018 release layout (Annotations/Arousal/<id>-A.csv, one column per rater; Chorus/), averaging raters', async () => {
    const root = tempDir('pmemo2018');
    writeFakeMp3(root, 'Chorus/1.mp3');
    writeWav(root, 'Chorus/13.wav', 20);
    writeText(root, 'Annotations/Arousal/1-A.csv', 'time,100177,200378\n15.5,0.5,0.7\n16.0,0.4,NaN\n16.5,0.2,0.4\n');
    writeText(root, 'Annotations/Valence/1-V.csv', 'time,100177,200378\n15.5,0.5,0.5\n16.0,1,1\n16.5,0,0.5\n');
    writeText(root, 'Annotations/Arousal/13-A.csv', 'time,300001\n15.5,1\n16.0,0\n');
    writeText(root, 'Annotations/Valence/13-V.csv', 'time,300001\n15.5,0\n16.0,1\n');
    const data = await pmemoCorpus.load({ ...options(root), audioDir: undefined }, testContext(cache));
    expect(data.labelled.map((s) => s.id)).toEqual(['1', '13']);
    const song1 = data.labelled[0].labels!;
    expect(Array.from(song1.times)).toEqual([15.5, 16, 16.5]);
    expect(Array.from(song1.arousal).map((x) => Number(x.toFixed(6)))).toEqual([0.2, -0.2, -0.4]); // 2 mean - 1; 16.0 s: one rater
    expect(Array.from(song1.valence)).toEqual([0, 1, -0.5]);
    expect(data.labelled[1].audio).toEqual({ kind: 'file', path: path.join(root, 'Chorus', '13.wav') });
    expect(data.report).toMatchObject({ release: '2018', ratersPerSong: { '1': 2, '13': 1 }, annotationRate: 2, groups: 2 });
    writeText(root, 'Annotations/Valence/7-V.csv', 'time,1\n15.5,0\n16.0,1\n');
    await expect(pmemoCorpus.load({ ...options(root), audioDir: undefined }, testContext(cache))).rejects.toThrow(
      /7-V\.csv: valence annotations of song '7' have no arousal counterpart/,
    );
    writeText(root, 'Annotations/Valence/7-V.csv.bak', '');
    writeText(root, 'Annotations/Valence/7.csv', 'time,1\n15.5,0\n');
    await expect(pmemoCorpus.load({ ...options(root), release: '2018', audioDir: undefined }, testContext(cache))).rejects.toThrow(/'7\.csv' is not named <musicId>-V\.csv/);
  });

  it('says which layouts it looked for when a folder holds neither release', async () => {
    const root = tempDir('pmemo-empty');
    await expect(pmemoCorpus.load(options(root), testContext(cache))).rejects.toThrow(/neither a PMEmo 2019 annotation file .* nor PMEmo 2018 per-song folders/);
  });

  it('names the line of a repeated time and of a missing column', async () => {
    const root = tempDir('pmemo-bad');
    writeWav(root, 'chorus/1.wav', 20);
    const file = writeText(root, 'annotations/dynamic_annotations.csv', `${header}1,15.5,0.5,0.5\n1,16,0.5,0.5\n1,16,0.4,0.4\n`);
    await expect(pmemoCorpus.load(options(root), testContext(cache))).rejects.toThrow(`${file}: line 4: time 16 of '1' repeats the previous time`);
    writeText(root, 'annotations/dynamic_annotations.csv', 'musicId,frameTime,Arousal(mean)\n1,15.5,0.5\n');
    await expect(pmemoCorpus.load(options(root), testContext(cache))).rejects.toThrow(
      `${file}: line 1: no valence column (expected 'Valence(mean)' or 'valence'; the header has 'musicId', 'frameTime', 'Arousal(mean)')`,
    );
    writeText(root, 'annotations/dynamic_annotations.csv', `${header}1,15.5,0.5,0.5\n1,16,0.5\n`);
    await expect(pmemoCorpus.load(options(root), testContext(cache))).rejects.toThrow(`${file}: line 3: 3 fields, but the header has 4`);
  });
});
