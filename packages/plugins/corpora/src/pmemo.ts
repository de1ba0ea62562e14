import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, type Corpus, type CorpusData } from '@emotrans/core';
import { assembleCorpus, type MissingAudioPolicy } from './common/assemble';
import { listAudioFiles } from './common/audio-files';
import { numberCell, readCsv, requireColumn } from './common/csv-table';
import { COMMON_OPTIONS, extraUnlabelled, normaliseId, releaseFolderOptions, under } from './common/options';
import { seriesFromPoints, type AnnotationPoint } from './common/series';

export interface PmemoOptions {
  root: string;
  audioDir: string;
  annotationFile: string;
  staticFile: string;
  scale: [number, number];
  missingAudio: MissingAudioPolicy;
  unlabelledDir?: string;
  unlabelledPattern?: string;
}

/**
 * PMEmo: chorus clips `<musicId>.mp3` and one long CSV of dynamic annotations (musicId, frameTime,
 * Arousal(mean), Valence(mean)) at 2 Hz on [0, 1]. Every song is its own group.
 */
export const pmemoCorpus: Corpus<PmemoOptions> = {
  manifest: {
    id: 'pmemo',
    kind: 'corpus',
    description: 'PMEmo: dynamic arousal-valence (2 Hz, [0, 1]) of pop-song choruses',
    version: '1',
    options: releaseFolderOptions('the PMEmo release folder', {
      audioDir: { type: 'string', default: 'chorus' },
      annotationFile: { type: 'string', default: 'annotations/dynamic_annotations.csv' },
      staticFile: { type: 'string', default: 'annotations/static_annotations.csv', description: 'reported when present' },
      scale: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, default: [0, 1] },
      ...COMMON_OPTIONS,
    }),
  },
  async load(options): Promise<CorpusData> {
    const root = path.resolve(options.root);
    const audioDir = under(root, options.audioDir);
    const table = readCsv(under(root, options.annotationFile));
    const id = requireColumn(table, ['musicId', 'music_id', 'song_id'], 'music id');
    const time = requireColumn(table, ['frameTime', 'time'], 'frame time');
    const arousal = requireColumn(table, ['Arousal(mean)', 'arousal'], 'arousal');
    const valence = requireColumn(table, ['Valence(mean)', 'valence'], 'valence');
    const points = new Map<string, AnnotationPoint[]>();
    for (const row of table.rows) {
      const key = normaliseId(row.cells[id] ?? '');
      if (key === '') throw new BadInputError(`line ${row.line}: empty music id`, table.file);
      const list = points.get(key) ?? [];
      list.push({ t: numberCell(table, row, time), a: numberCell(table, row, arousal), v: numberCell(table, row, valence), line: row.line });
      points.set(key, list);
    }
    const annotations = seriesFromPoints(points, table.file);
    const staticFile = under(root, options.staticFile);
    let staticReport: unknown = 'none found';
    if (fs.existsSync(staticFile)) {
      const statics = readCsv(staticFile);
      requireColumn(statics, ['musicId', 'music_id'], 'music id');
      staticReport = { file: staticFile, songs: statics.rows.length, scale: options.scale };
    }
    return assembleCorpus({
      corpus: 'pmemo',
      domain: 'music',
      annotations,
      audio: listAudioFiles(audioDir).map((a) => ({ ...a, id: normaliseId(a.id) })),
      audioDir,
      scale: options.scale,
      missingAudio: options.missingAudio,
      groupOf: (key) => key,
      extraUnlabelled: extraUnlabelled(options.unlabelledDir, options.unlabelledPattern),
      report: { annotationFile: table.file, staticAnnotations: staticReport },
    });
  },
};
