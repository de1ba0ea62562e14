import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, type Corpus, type CorpusData } from '@emotrans/core';
import { assembleCorpus, type MissingAudioPolicy } from './common/assemble';
import { listAudioFiles } from './common/audio-files';
import { numberCell, optionalNumberCell, readCsv, requireColumn } from './common/csv-table';
import { COMMON_OPTIONS, extraUnlabelled, normaliseId, releaseFolderOptions, under } from './common/options';
import { assertIncreasing, joinDimensions, seriesFromPoints, type AnnotationPoint, type AnnotationSeries, type DimensionSeries } from './common/series';

export interface PmemoOptions {
  root: string;
  release?: 'auto' | '2019' | '2018';
  audioDir?: string;
  annotationFile: string;
  perSongDir?: string;
  staticFile: string;
  scale: [number, number];
  missingAudio: MissingAudioPolicy;
  unlabelledDir?: string;
  unlabelledPattern?: string;
}

const TIME_COLUMNS = ['frameTime', 'time', 'timestamp'];

/** The 2019 release: one long CSV (musicId, frameTime, Arousal(mean), Valence(mean)) for every song. */
function readLongTable(file: string): AnnotationSeries[] {
  const table = readCsv(file);
  const id = requireColumn(table, ['musicId', 'music_id', 'song_id'], 'music id');
  const time = requireColumn(table, TIME_COLUMNS, 'frame time');
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
  return seriesFromPoints(points, table.file);
}

/**
 * One song's file of one dimension in the 2018 release (`Arousal/<id>-A.csv`): a time column and one
 * column per rater, averaged over the raters with a value (empty or NaN cells are no value).
 */
function readPerSongFile(file: string, id: string): { series: DimensionSeries; raters: number } {
  const table = readCsv(file);
  const time = requireColumn(table, TIME_COLUMNS, 'time');
  const raters = table.header.map((_, c) => c).filter((c) => c !== time);
  if (raters.length === 0) throw new BadInputError(`line 1: no rater columns besides the time (header: ${table.header.join(', ')})`, file);
  const times: number[] = [];
  const values: number[] = [];
  const lines: number[] = [];
  for (const row of table.rows) {
    let sum = 0;
    let count = 0;
    for (const c of raters) {
      const value = optionalNumberCell(table, row, c, ['NaN']);
      if (value === undefined) continue;
      sum += value;
      count++;
    }
    if (count === 0) continue;
    times.push(numberCell(table, row, time));
    values.push(sum / count);
    lines.push(row.line);
  }
  assertIncreasing(times, lines, file, id);
  return { series: { times, values, file, line: table.rows[0]?.line ?? 1 }, raters: raters.length };
}

/** The 2018 release: `<dir>/Arousal/<id>-A.csv` and `<dir>/Valence/<id>-V.csv`, paired by song id. */
function readPerSongFolders(dir: string): { annotations: AnnotationSeries[]; raters: Record<string, number>; unpaired: number } {
  const filesOf = (dimension: 'Arousal' | 'Valence') => {
    const folder = path.join(dir, dimension);
    if (!fs.existsSync(folder)) throw new BadInputError(`folder '${dimension}' not found`, dir);
    const suffix = `-${dimension[0]}.csv`.toLowerCase();
    const files = new Map<string, string>();
    for (const name of fs.readdirSync(folder).sort()) {
      if (!name.toLowerCase().endsWith('.csv')) continue;
      if (!name.toLowerCase().endsWith(suffix)) throw new BadInputError(`'${name}' is not named <musicId>-${dimension[0]}.csv`, folder);
      files.set(normaliseId(name.slice(0, -suffix.length)), path.join(folder, name));
    }
    return files;
  };
  const arousal = filesOf('Arousal');
  const valence = filesOf('Valence');
  for (const [id, file] of valence) {
    if (!arousal.has(id)) throw new BadInputError(`valence annotations of song '${id}' have no arousal counterpart in ${path.join(dir, 'Arousal')}`, file);
  }
  const annotations: AnnotationSeries[] = [];
  const raters: Record<string, number> = {};
  let unpaired = 0;
  for (const [id, file] of arousal) {
    const other = valence.get(id);
    if (!other) throw new BadInputError(`arousal annotations of song '${id}' have no valence counterpart in ${path.join(dir, 'Valence')}`, file);
    const a = readPerSongFile(file, id);
    raters[id] = a.raters;
    const joined = joinDimensions(id, a.series, readPerSongFile(other, id).series);
    unpaired += joined.unpaired;
    annotations.push(joined.series);
  }
  return { annotations, raters, unpaired };
}

/** Which release a folder holds: 2019 when its long annotation file exists, 2018 when its per-song folders do. */
function detectRelease(root: string, options: PmemoOptions): '2019' | '2018' {
  if (options.release === '2019' || options.release === '2018') return options.release;
  const longFile = under(root, options.annotationFile);
  const perSong = under(root, options.perSongDir ?? 'Annotations');
  if (fs.existsSync(longFile)) return '2019';
  if (fs.existsSync(path.join(perSong, 'Arousal'))) return '2018';
  throw new BadInputError(`neither a PMEmo 2019 annotation file (${longFile}) nor PMEmo 2018 per-song folders (${path.join(perSong, 'Arousal')}) found`, root);
}

/**
 * PMEmo: chorus clips `<musicId>.mp3` and dynamic annotations at 2 Hz on [0, 1], either as the 2019 release
 * has them (one long CSV: musicId, frameTime, Arousal(mean), Valence(mean); clips in `chorus/`) or as the
 * 2018 release (`Annotations/Arousal/<id>-A.csv`, `Annotations/Valence/<id>-V.csv`, one column per rater,
 * averaged here; clips in `Chorus/`). Every song is its own group.
 */
export const pmemoCorpus: Corpus<PmemoOptions> = {
  manifest: {
    id: 'pmemo',
    kind: 'corpus',
    description: 'PMEmo (2018 or 2019 release): dynamic arousal-valence (2 Hz, [0, 1]) of pop-song choruses',
    version: '2',
    options: releaseFolderOptions('the PMEmo release folder', {
      release: { enum: ['auto', '2019', '2018'], default: 'auto', description: 'auto: 2019 when annotationFile exists, else 2018' },
      audioDir: { type: 'string', description: "default: 'chorus' (2019) or 'Chorus' (2018)" },
      annotationFile: { type: 'string', default: 'annotations/dynamic_annotations.csv', description: '2019 release' },
      perSongDir: { type: 'string', description: "2018 release: holds Arousal/<id>-A.csv and Valence/<id>-V.csv (default 'Annotations')" },
      staticFile: { type: 'string', default: 'annotations/static_annotations.csv', description: 'reported when present' },
      scale: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, default: [0, 1] },
      ...COMMON_OPTIONS,
    }),
  },
  async load(options): Promise<CorpusData> {
    const root = path.resolve(options.root);
    const release = detectRelease(root, options);
    const audioDir = under(root, options.audioDir ?? (release === '2019' ? 'chorus' : 'Chorus'));
    let annotations: AnnotationSeries[];
    let releaseReport: Record<string, unknown>;
    if (release === '2019') {
      const file = under(root, options.annotationFile);
      annotations = readLongTable(file);
      releaseReport = { annotationFile: file };
    } else {
      const dir = under(root, options.perSongDir ?? 'Annotations');
      const read = readPerSongFolders(dir);
      annotations = read.annotations;
      releaseReport = { annotationDir: dir, ratersPerSong: read.raters, unpairedPoints: read.unpaired };
    }
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
      report: { release, ...releaseReport, staticAnnotations: staticReport },
    });
  },
};
