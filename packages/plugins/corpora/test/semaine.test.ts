import path from 'node:path';
import { semaineCorpus, type SemaineOptions } from '../src';
import { tempDir, writeText, writeWav } from './fixture-files';
import { testContext } from './run-context';

const options = (dir: string, extra: Partial<SemaineOptions> = {}): SemaineOptions => ({ dir, recursive: true, pattern: '', domain: 'speech', groupBy: 'speaker', ...extra });

/** A session.xml naming the session's user and operator as subjects. */
const sessionXml = (session: number, user: number, operator: number) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<session sessionId="${session}" dateTime="2009-01-06T10:27:56">\n` +
  `  <subject id="${operator}" role="Operator" />\n  <subject role='User' id='${user}'/>\n  <track id="1" filename="user.wav" />\n</session>\n`;

describe('semaine loader (unlabelled speech)', () => {
  const cache = tempDir('semaine-cache');

  /** Three sessions: user 3 in sessions 1 and 2, user 5 in session 4; operator 1 in all. */
  function sessions(): string {
    const root = tempDir('semaine');
    for (const [session, user] of [[1, 3], [2, 3], [4, 5]]) {
      writeWav(root, `Sessions/${session}/user.wav`, 1);
      writeText(root, `Sessions/${session}/session.xml`, sessionXml(session, user, 1));
    }
    writeWav(root, 'Sessions/1/operator.wav', 1);
    writeText(root, 'Sessions/2/notes.txt', 'not audio');
    return path.join(root, 'Sessions');
  }

  it("groups recordings by speaker from each session.xml, so one user's sessions share a group", async () => {
    const dir = sessions();
    const all = await semaineCorpus.load(options(dir), testContext(cache));
    expect(all.labelled).toEqual([]);
    expect(all.unlabelled.map((s) => [s.id, s.group])).toEqual([
      ['1/operator', 'operator/1'],
      ['1/user', 'user/3'],
      ['2/user', 'user/3'],
      ['4/user', 'user/5'],
    ]);
    expect(all.report).toMatchObject({ unlabelled: 4, sessions: 3, groups: 3, groupsFrom: 'speakers in session.xml' });
    const users = await semaineCorpus.load(options(dir, { pattern: 'user$' }), testContext(cache));
    expect(users.unlabelled.map((s) => s.id)).toEqual(['1/user', '2/user', '4/user']);
    expect(users.report).toMatchObject({ unlabelled: 3, skippedByPattern: 1, sessions: 3, groups: 2 });
  });

  it('groups by session folder with groupBy: session', async () => {
    const bySession = await semaineCorpus.load(options(sessions(), { groupBy: 'session', pattern: 'user$' }), testContext(cache));
    expect(bySession.unlabelled.map((s) => s.group)).toEqual(['1', '2', '4']);
  });

  it('stops on a session without session.xml or without a user in it, naming the folder or file', async () => {
    const dir = sessions();
    writeWav(dir, '7/user.wav', 1);
    await expect(semaineCorpus.load(options(dir), testContext(cache))).rejects.toThrow(
      `${path.join(dir, '7')}: no session.xml in session folder '7' to tell its speakers (set groupBy: "session" to group by session folder instead)`,
    );
    const file = writeText(dir, '7/session.xml', '<session sessionId="7">\n<subject id="1" role="Operator"/>\n</session>\n');
    await expect(semaineCorpus.load(options(dir), testContext(cache))).rejects.toThrow(`${file}: no user listed (expected <subject id=".." role="User">)`);
    writeText(dir, '7/session.xml', '<session sessionId="7">\n<subject role="User"/>\n</session>\n');
    await expect(semaineCorpus.load(options(dir), testContext(cache))).rejects.toThrow(`${file}: line 2: <subject> without an id`);
    writeText(dir, '7/session.xml', '<session sessionId="7" userId="9">\n</session>\n');
    writeWav(dir, '7/operator.wav', 1);
    await expect(semaineCorpus.load(options(dir), testContext(cache))).rejects.toThrow(`${file}: '7/operator' is an operator recording, but no operator is listed`);
    const users = await semaineCorpus.load(options(dir, { pattern: 'user' }), testContext(cache));
    expect(users.unlabelled.find((s) => s.id === '7/user')!.group).toBe('user/9'); // a userId attribute of <session> names the user too
  });

  it('reports an empty selection and a bad pattern clearly', async () => {
    const root = tempDir('semaine-empty');
    writeWav(root, 'a.wav', 1);
    await expect(semaineCorpus.load(options(root, { pattern: 'user' }), testContext(cache))).rejects.toThrow(`${root}: no audio files matching /user/`);
    await expect(semaineCorpus.load(options(root, { pattern: '(' }), testContext(cache))).rejects.toThrow(/pattern '\(' is not a regular expression/);
    await expect(semaineCorpus.load(options(`${root}/missing`), testContext(cache))).rejects.toThrow(/missing: audio folder not found/);
  });
});
