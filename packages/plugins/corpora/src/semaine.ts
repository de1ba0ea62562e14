import path from 'node:path';
import { BadInputError, type Corpus, type CorpusData } from '@emotrans/core';
import { listAudioFiles } from './common/audio-files';

export interface SemaineOptions {
  dir: string;
  recursive: boolean;
  pattern: string;
  domain: string;
}

/**
 * A SEMAINE-style folder of speech recordings without labels (session sub-folders of WAV files), the
 * unlabelled pool for fitting a denoising autoencoder. `pattern` (a regular expression on the relative
 * path) picks e.g. only the user microphone. The group of a recording is its session folder.
 *
 * An experiment spec needs labelled sequences for each of its domains, so this corpus serves notebooks and
 * tools directly; in a spec, give a labelled loader an `unlabelledDir` pointing at the same folder.
 */
export const semaineCorpus: Corpus<SemaineOptions> = {
  manifest: {
    id: 'semaine',
    kind: 'corpus',
    description: 'SEMAINE-style unlabelled speech recordings (session folders of audio) for the DAE',
    version: '1',
    options: {
      type: 'object',
      additionalProperties: false,
      required: ['dir'],
      properties: {
        dir: { type: 'string' },
        recursive: { type: 'boolean', default: true },
        pattern: { type: 'string', default: '', description: 'regular expression the relative path must match' },
        domain: { type: 'string', default: 'speech' },
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
    return {
      domain: options.domain,
      labelled: [],
      unlabelled: files.map((a) => ({ id: a.id, domain: options.domain, group: a.folder || a.id, audio: { kind: 'file', path: a.path } })),
      report: {
        corpus: 'semaine',
        dir,
        unlabelled: files.length,
        skippedByPattern: all.length - files.length,
        sessions: new Set(files.map((a) => a.folder || a.id)).size,
      },
    };
  },
};
