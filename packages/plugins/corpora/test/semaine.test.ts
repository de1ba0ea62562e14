import { semaineCorpus } from '../src';
import { tempDir, writeText, writeWav } from './fixture-files';
import { testContext } from './run-context';

describe('semaine loader (unlabelled speech)', () => {
  const cache = tempDir('semaine-cache');

  it('lists session folders of audio as unlabelled sequences grouped by session, filtered by a pattern', async () => {
    const root = tempDir('semaine');
    writeWav(root, 'Sessions/1/user.wav', 1);
    writeWav(root, 'Sessions/1/operator.wav', 1);
    writeWav(root, 'Sessions/2/user.wav', 1);
    writeText(root, 'Sessions/2/notes.txt', 'not audio');
    const all = await semaineCorpus.load({ dir: `${root}/Sessions`, recursive: true, pattern: '', domain: 'speech' }, testContext(cache));
    expect(all.labelled).toEqual([]);
    expect(all.unlabelled.map((s) => [s.id, s.group])).toEqual([
      ['1/operator', '1'],
      ['1/user', '1'],
      ['2/user', '2'],
    ]);
    const users = await semaineCorpus.load({ dir: `${root}/Sessions`, recursive: true, pattern: 'user$', domain: 'speech' }, testContext(cache));
    expect(users.unlabelled.map((s) => s.id)).toEqual(['1/user', '2/user']);
    expect(users.report).toMatchObject({ unlabelled: 2, skippedByPattern: 1, sessions: 2 });
  });

  it('reports an empty selection and a bad pattern clearly', async () => {
    const root = tempDir('semaine-empty');
    writeWav(root, 'a.wav', 1);
    await expect(semaineCorpus.load({ dir: root, recursive: true, pattern: 'user', domain: 'speech' }, testContext(cache))).rejects.toThrow(
      `${root}: no audio files matching /user/`,
    );
    await expect(semaineCorpus.load({ dir: root, recursive: true, pattern: '(', domain: 'speech' }, testContext(cache))).rejects.toThrow(
      /pattern '\(' is not a regular expression/,
    );
    await expect(semaineCorpus.load({ dir: `${root}/missing`, recursive: true, pattern: '', domain: 'speech' }, testContext(cache))).rejects.toThrow(
      /missing: audio folder not found/,
    );
  });
});
