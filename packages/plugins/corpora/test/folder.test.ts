import path from 'node:path';
import { BadInputError } from '@emotrans/core';
import { folderCorpus, type FolderOptions } from '../src';
import { tempDir, writeText, writeWav } from './fixture-files';
import { testContext } from './run-context';

const options = (dir: string, extra: Partial<FolderOptions> = {}): FolderOptions => ({ dir, manifest: 'manifest.json', labels: true, missingAudio: 'error', ...extra });

describe('folder loader (the generic layout)', () => {
  const cache = tempDir('folder-cache');

  function layout(manifest: Record<string, unknown>, csv: string): string {
    const dir = tempDir('folder');
    writeWav(dir, 'audio/take1.wav', 4);
    writeWav(dir, 'audio/take2.wav', 4);
    writeWav(dir, 'audio/take3.wav', 4);
    writeWav(dir, 'pool/x.wav', 1);
    writeText(dir, 'manifest.json', JSON.stringify(manifest));
    writeText(dir, 'labels.csv', csv);
    return dir;
  }

  it('maps a 1-9 scale to [-1, 1], matches files with or without extension and groups by the named column', async () => {
    const dir = layout(
      { domain: 'speech', scale: [1, 9], rate: 4, annotations: 'labels.csv', audio: 'audio', groupColumn: 'speaker', unlabelled: 'pool' },
      'file,time,arousal,valence,speaker\ntake1.wav,0,1,9,anna\ntake1.wav,0.25,5,5,anna\ntake1.wav,0.5,9,1,anna\ntake2,0,3,7,ben\ntake2,0.25,7,3,ben\n',
    );
    const data = await folderCorpus.load(options(dir), testContext(cache));
    expect(data.domain).toBe('speech');
    expect(data.labelled.map((s) => [s.id, s.group])).toEqual([
      ['take1', 'anna'],
      ['take2', 'ben'],
    ]);
    expect(Array.from(data.labelled[0].labels!.times)).toEqual([0, 0.25, 0.5]);
    expect(Array.from(data.labelled[0].labels!.arousal)).toEqual([-1, 0, 1]); // (x - 1) / 4 - 1
    expect(Array.from(data.labelled[1].labels!.valence)).toEqual([0.5, -0.5]);
    expect(data.labelled[0].audio).toEqual({ kind: 'file', path: path.join(dir, 'audio', 'take1.wav') });
    expect(data.unlabelled.map((s) => s.id)).toEqual(['unlabelled/x']);
    expect(data.report).toMatchObject({ originalScale: [1, 9], annotationRate: 4, nominalRate: 4, groupsFrom: 'speaker', groups: 2 });
    expect((data.report as Record<string, any>).unmatchedAudio).toMatchObject({ count: 1, ids: ['take3'] });
  });

  it('audio only (labels: false): every file unlabelled, no CSV needed', async () => {
    const dir = layout({ domain: 'music', scale: [0, 1], audio: 'audio' }, '');
    const data = await folderCorpus.load(options(dir, { labels: false }), testContext(cache));
    expect(data.labelled).toEqual([]);
    expect(data.unlabelled.map((s) => s.id)).toEqual(['take1', 'take2', 'take3']);
  });

  it('explains a bad manifest, a file in two groups, a non-numeric value and missing audio', async () => {
    const bad = layout({ domain: 'speech', scale: [1] }, 'file,time,arousal,valence\n');
    await expect(folderCorpus.load(options(bad), testContext(cache))).rejects.toThrow(BadInputError);
    await expect(folderCorpus.load(options(bad), testContext(cache))).rejects.toThrow(/manifest\.json: invalid folder manifest:\n {2}scale/);

    const twoGroups = layout(
      { domain: 'speech', scale: [0, 1], annotations: 'labels.csv', audio: 'audio', groupColumn: 'speaker' },
      'file,time,arousal,valence,speaker\ntake1,0,0,0,anna\ntake1,1,0,0,ben\n',
    );
    await expect(folderCorpus.load(options(twoGroups), testContext(cache))).rejects.toThrow(
      `${path.join(twoGroups, 'labels.csv')}: line 3: file 'take1' is in group 'ben' here but in 'anna' at line 2`,
    );

    const text = layout({ domain: 'speech', scale: [0, 1], annotations: 'labels.csv', audio: 'audio' }, 'file,time,arousal,valence\ntake1,0,0.5,high\n');
    await expect(folderCorpus.load(options(text), testContext(cache))).rejects.toThrow(/labels\.csv: line 2: column 'valence' \(column 4\) is 'high', expected a decimal number/);

    const missing = layout({ domain: 'speech', scale: [0, 1], annotations: 'labels.csv', audio: 'audio' }, 'file,time,arousal,valence\ntake1,0,0,0\ntake1,1,0,0\nghost,0,0,0\n');
    await expect(folderCorpus.load(options(missing), testContext(cache))).rejects.toThrow(/labels\.csv: line 4: no audio file for 'ghost'/);
  });
});

describe('folder loader at scale', () => {
  const cache = tempDir('folder-scale-cache');
  it('reads 250 000 annotation points of one file (no spread of them into one call, which overflows the stack)', async () => {
    const dir = tempDir('folder-scale');
    writeWav(dir, 'audio/take1.wav', 4);
    writeWav(dir, 'audio/take2.wav', 4);
    const n = 250000;
    // Listed from the last point to the first: the loader sorts them, and the series starts at the last line.
    const rows = Array.from({ length: n }, (_, i) => `take1,${((n - 1 - i) * 4) / n},0.5,0.25`);
    writeText(dir, 'manifest.json', JSON.stringify({ domain: 'music', scale: [0, 1], rate: n / 4, annotations: 'labels.csv', audio: 'audio' }));
    writeText(dir, 'labels.csv', `file,time,arousal,valence\n${rows.join('\n')}\ntake2,0,0,1\ntake2,1,1,0\n`);
    const data = await folderCorpus.load(options(dir), testContext(cache));
    const take1 = data.labelled.find((s) => s.id === 'take1')!;
    expect(take1.labels!.times.length).toBe(n);
    expect(take1.labels!.times[0]).toBe(0);
    expect(take1.labels!.times[n - 1]).toBeCloseTo(4 - 4 / n, 9);
    expect(take1.labels!.arousal[n - 1]).toBe(0);
  });
});
