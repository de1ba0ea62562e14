import { BadInputError, readTextInput } from '@emotrans/core';

/** Who took part in one SEMAINE session, as its `session.xml` says. */
export interface SemaineSession {
  readonly file: string;
  readonly sessionId?: string;
  /** The subject id of the user (the person the system talked to). */
  readonly user: string;
  /** The subject id of the operator (the person playing the character), when listed. */
  readonly operator?: string;
}

/** The attributes of one XML start tag's text (`id="3" role='User'`). */
function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found.set(match[1].toLowerCase(), match[2] ?? match[3]);
  return found;
}

/**
 * Reads a SEMAINE `session.xml`: the session element and its `<subject id=".." role="User|Operator">`
 * children (a `userId` attribute of the session element is accepted too). A session without a user is a
 * BadInputError naming the file: grouping its recordings by anything else would put one speaker into
 * several cross-validation folds.
 */
export function readSemaineSession(file: string): SemaineSession {
  const text = readTextInput(file, 'session file');
  const session = /<session\b([^>]*)>/i.exec(text);
  if (!session) throw new BadInputError('no <session> element (not a SEMAINE session.xml?)', file);
  const sessionAttributes = attributes(session[1]);
  let user = sessionAttributes.get('userid');
  let operator = sessionAttributes.get('operatorid');
  for (const match of text.matchAll(/<subject\b([^>]*)>/gi)) {
    const subject = attributes(match[1]);
    const id = subject.get('id');
    const role = subject.get('role')?.toLowerCase();
    if (id === undefined || id === '') {
      const line = text.slice(0, match.index).split('\n').length;
      throw new BadInputError(`line ${line}: <subject> without an id`, file);
    }
    if (role === 'user') user = id;
    else if (role === 'operator') operator = id;
  }
  if (user === undefined || user === '') throw new BadInputError('no user listed (expected <subject id=".." role="User">)', file);
  return { file, sessionId: sessionAttributes.get('sessionid'), user, operator };
}
