import fs from 'node:fs';
import path from 'node:path';
import { recolaCorpus, type RecolaOptions } from '../src';
import { tempDir, writeText, writeWav } from './fixture-files';
import { testContext } from './run-context';

const options = (root: string, extra: Partial<RecolaOptions> = {}): RecolaOptions => ({
  root,
  audioDir: 'recordings_audio',
  goldDir: 'ratings_gold_standard',
  scale: [-1, 1],
  missingAudio: 'error',
  ...extra,
});

/** AVEC's ARFF gold standard: instance name, frame time every 40 ms, one value. */
function arff(id: string, values: number[]): string {
  const rows = values.map((v, i) => `'${id}',${(i * 0.04).toFixed(6)},${v}`);
  return ['@relation GoldStandard', '', '@attribute Instance_name string', '@attribute frameTime numeric', '@attribute GoldStandard numeric', '', '@data', '', ...rows, ''].join('\n');
}

describe('recola loader', () => {
  const cache = tempDir('recola-cache');

  it('reads the AVEC ARFF layout at 25 Hz, groups by the speaker file', async () => {
    const root = tempDir('recola');
    for (const id of ['train_1', 'train_2', 'dev_1']) writeWav(root, `recordings_audio/${id}.wav`, 1);
    writeText(root, 'ratings_gold_standard/arousal/train_1.arff', arff('train_1', [0.1, 0.2, 0.3, 0.4]));
    writeText(root, 'ratings_gold_standard/valence/train_1.arff', arff('train_1', [-0.1, -0.2, -0.3, -0.4]));
    writeText(root, 'ratings_gold_standard/arousal/train_2.arff', arff('train_2', [0, 0.5]));
    writeText(root, 'ratings_gold_standard/valence/train_2.arff', arff('train_2', [0.5, 0]));
    writeText(root, 'speakers.csv', 'recording,speaker\ntrain_1,P16\ntrain_2,P16\ndev_1,P21\n');
    const data = await recolaCorpus.load(options(root, { speakerFile: 'speakers.csv' }), testContext(cache));
    expect(data.domain).toBe('speech');
    expect(data.labelled.map((s) => s.id)).toEqual(['train_1', 'train_2']);
    const first = data.labelled[0].labels!;
    expect(Array.from(first.times)).toEqual([0, 0.04, 0.08, 0.12]);
    expect(Array.from(first.arousal)).toEqual([0.1, 0.2, 0.3, 0.4].map(Math.fround));
    expect(Array.from(first.valence)).toEqual([-0.1, -0.2, -0.3, -0.4].map(Math.fround));
    expect(data.labelled.map((s) => s.group)).toEqual(['P16', 'P16']);
    expect(data.labelled[0].audio).toEqual({ kind: 'file', path: path.join(root, 'recordings_audio', 'train_1.wav') });
    const report = data.report as Record<string, any>;
    expect(report).toMatchObject({ corpus: 'recola', annotationRate: 25, rescale: 'none', groups: 1, groupsFrom: 'speakers.csv' });
    expect(report.unmatchedAudio).toMatchObject({ count: 1, ids: ['dev_1'] });
  });

  it('averages per-rater columns of semicolon-separated CSVs (RECOLA\'s own annotation files)', async () => {
    const root = tempDir('recola-raters');
    writeWav(root, 'audio/P16.wav', 1);
    writeText(root, 'gold/arousal/P16.csv', 'time;FM1;FM2;FF1\n0.00;0.3;0.0;-0.3\n0.04;0.6;0.3;0.0\n');
    writeText(root, 'gold/valence/P16.csv', 'time;FM1;FM2;FF1\n0.00;0.1;0.1;0.1\n0.04;0.2;0.2;0.5\n');
    const data = await recolaCorpus.load(options(root, { audioDir: 'audio', goldDir: 'gold' }), testContext(cache));
    const labels = data.labelled[0].labels!;
    expect(labels.arousal[0]).toBeCloseTo(0, 6);
    expect(labels.arousal[1]).toBeCloseTo(0.3, 6);
    expect(labels.valence[1]).toBeCloseTo(0.3, 6);
    expect(data.labelled[0].group).toBe('P16'); // one speaker per recording by default
    expect((data.report as Record<string, any>).valueColumnsPerFile).toEqual({ P16: 3 });
  });

  it('reads one combined file per recording and rescales a declared scale', async () => {
    const root = tempDir('recola-combined');
    writeWav(root, 'recordings_audio/a.wav', 1);
    writeText(root, 'ratings_gold_standard/a.csv', 'time,arousal,valence\n0,0,100\n0.04,50,0\n');
    const data = await recolaCorpus.load(options(root, { scale: [0, 100] }), testContext(cache));
    expect(Array.from(data.labelled[0].labels!.arousal)).toEqual([-1, 0]);
    expect(Array.from(data.labelled[0].labels!.valence)).toEqual([1, -1]);
  });

  it('takes its unlabelled pool from SEMAINE-style sessions, filtered by unlabelledPattern', async () => {
    const root = tempDir('recola-pool');
    writeWav(root, 'recordings_audio/a.wav', 1);
    writeText(root, 'ratings_gold_standard/a.csv', 'time,arousal,valence\n0,0,0\n0.04,0.1,0.1\n');
    const sessions = tempDir('semaine-pool');
    for (const session of ['3', '4']) {
      writeWav(sessions, `${session}/user.wav`, 1);
      writeWav(sessions, `${session}/operator.wav`, 1);
    }
    const data = await recolaCorpus.load(options(root, { unlabelledDir: sessions, unlabelledPattern: '/user$' }), testContext(cache));
    expect(data.unlabelled.map((s) => [s.id, s.group])).toEqual([
      ['unlabelled/3/user', '3'],
      ['unlabelled/4/user', '4'],
    ]);
    await expect(recolaCorpus.load(options(root, { unlabelledDir: sessions, unlabelledPattern: 'microphone' }), testContext(cache))).rejects.toThrow(
      `${sessions}: no audio files for the unlabelled pool matching /microphone/`,
    );
  });

  it('names the files of a missing counterpart, a malformed ARFF row and an unlisted speaker', async () => {
    const root = tempDir('recola-bad');
    writeWav(root, 'recordings_audio/train_1.wav', 1);
    const arousal = writeText(root, 'ratings_gold_standard/arousal/train_1.arff', arff('train_1', [0.1, 0.2]));
    writeText(root, 'ratings_gold_standard/valence/other.arff', arff('other', [0.1, 0.2]));
    await expect(recolaCorpus.load(options(root), testContext(cache))).rejects.toThrow(/other\.arff: valence annotations of 'other' have no arousal counterpart/);
    fs.rmSync(path.join(root, 'ratings_gold_standard/valence/other.arff'));
    writeText(root, 'ratings_gold_standard/valence/train_1.arff', arff('train_1', [0.1, 0.2]));
    writeText(root, 'ratings_gold_standard/arousal/train_1.arff', `${arff('train_1', [0.1])}'train_1',0.04\n`);
    await expect(recolaCorpus.load(options(root), testContext(cache))).rejects.toThrow(`${arousal}: line 10: 2 values, but 3 attributes are declared`);
    writeText(root, 'ratings_gold_standard/arousal/train_1.arff', arff('train_1', [0.1, 0.2]));
    writeText(root, 'speakers.csv', 'recording,speaker\ntrain_9,P1\n');
    await expect(recolaCorpus.load(options(root, { speakerFile: 'speakers.csv' }), testContext(cache))).rejects.toThrow(/speakers\.csv: recording 'train_1' has no speaker/);
  });
});
