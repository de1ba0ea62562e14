import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, type Corpus, type CorpusData } from '@emotrans/core';
import { listAudioFiles, type AudioFile } from './common/audio-files';
import { readSemaineSession, type SemaineSession } from './common/semaine-session';

export interface SemaineOptions {
  dir: string;
  recursive: boolean;
  pattern: string;
  domain: string;
  groupBy: 'speaker' | 'session';
}

/**
 * The speaker of each file from its session's `session.xml` (the folder's own for top-level files): the
 * operator for files whose path names the operator, the user otherwise. One user's recordings span several
 * sessions, so grouping by speaker keeps cross-validation folds speaker-independent.
 */
function speakerGroups(dir: string, files: readonly AudioFile[]): (file: AudioFile) => string {
  const sessions = new Map<string, SemaineSession>();
  for (const folder of new Set(files.map((a) => a.folder))) {
    const file = path.join(dir, folder, 'session.xml');
    if (!fs.existsSync(file)) {
      throw new BadInputError(`no session.xml in ${folder ? `session folder '${folder}'` : 'the folder'} to tell its speakers (set groupBy: "session" to group by session folder instead)`, path.join(dir, folder));
    }
    sessions.set(folder, readSemaineSession(file));
  }
  return (a) => {
    const session = sessions.get(a.folder)!;
    if (!/operator/i.test(path.basename(a.id))) return `user/${session.user}`;
    if (session.operator === undefined) throw new BadInputError(`'${a.id}' is an operator recording, but no operator is listed (expected <subject id=".." role="Operator">)`, session.file);
    return `operator/${session.operator}`;
  };
}

/**
 * A SEMAINE-style folder of speech recordings without labels (session sub-folders of WAV files), the
 * unlabelled pool for fitting a denoising autoencoder. `pattern` (a regular expression on the relative
 * path) picks e.g. only the user microphone. The group of a recording is its speaker, read from the
 * session's `session.xml` (`groupBy: "session"`: its session folder).
 *
 * An experiment spec needs labelled sequences for each of its domains, so this corpus serves notebooks and
 * tools directly; in a spec, give a labelled loader an `unlabelledDir` pointing at the same folder.
 */
export const semaineCorpus: Corpus<SemaineOptions> = {
  manifest: {
    id: 'semaine',
    kind: 'corpus',
    description: 'SEMAINE-style unlabelled speech recordings (session folders of audio) for the DAE',
    version: '2',
    options: {
      type: 'object',
      additionalProperties: false,
      required: ['dir'],
      properties: {
        dir: { type: 'string', format: 'path' },
        recursive: { type: 'boolean', default: true },
        pattern: { type: 'string', default: '', description: 'regular expression the relative path must match' },
        domain: { type: 'string', default: 'speech' },
        groupBy: {
          enum: ['speaker', 'session'],
          default: 'speaker',
          description: "speaker: the user (or operator) named in each session's session.xml; session: the session folder",
        },
      },
    },
  },
  async load(options): Promise<CorpusData> {
    const dir = path.resolve(options.dir);
    let filter: RegExp;
    try {
      filter = new RegExp(options.pattern);
    } catch (error) {
      throw new BadInputError(`semaine: pattern '${options.pattern}' is not a regular expression (${(error as Error).message})`);
    }
    const all = listAudioFiles(dir, options.recursive);
    const files = all.filter((a) => filter.test(a.id));
    if (files.length === 0) throw new BadInputError(`no audio files${options.pattern ? ` matching /${options.pattern}/` : ''}`, dir);
    const speakerOf = options.groupBy === 'speaker' ? speakerGroups(dir, files) : undefined;
    const unlabelled = files.map((a) => ({
      id: a.id,
      domain: options.domain,
      group: speakerOf ? speakerOf(a) : a.folder || a.id,
      audio: { kind: 'file' as const, path: a.path },
    }));
    return {
      domain: options.domain,
      labelled: [],
      unlabelled,
      report: {
        corpus: 'semaine',
        dir,
        unlabelled: files.length,
        skippedByPattern: all.length - files.length,
        sessions: new Set(files.map((a) => a.folder || a.id)).size,
        groupsFrom: speakerOf ? 'speakers in session.xml' : 'session folders',
        groups: new Set(unlabelled.map((s) => s.group)).size,
      },
    };
  },
};
