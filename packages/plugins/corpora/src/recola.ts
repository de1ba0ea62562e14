import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, type Corpus, type CorpusData } from '@emotrans/core';
import { assembleCorpus, type MissingAudioPolicy } from './common/assemble';
import { readArff } from './common/arff';
import { listAudioFiles } from './common/audio-files';
import { findColumn, numberCell, readCsv, requireColumn, type CsvTable } from './common/csv-table';
import { COMMON_OPTIONS, extraUnlabelled, releaseFolderOptions, under } from './common/options';
import { assertIncreasing, joinDimensions, type AnnotationSeries, type DimensionSeries } from './common/series';

export interface RecolaOptions {
  root: string;
  audioDir: string;
  goldDir: string;
  speakerFile?: string;
  scale: [number, number];
  missingAudio: MissingAudioPolicy;
  unlabelledDir?: string;
  unlabelledPattern?: string;
}

const TIME_COLUMNS = ['frameTime', 'time', 'timestamp'];
const NAME_COLUMNS = ['Instance_name', 'name', 'file', 'recording'];
const ANNOTATION_EXTENSIONS = ['.arff', '.csv'];

function readTable(file: string): CsvTable {
  return file.toLowerCase().endsWith('.arff') ? readArff(file) : readCsv(file);
}

/**
 * One dimension's file: a time column plus either one value column (a gold standard) or several (one per
 * rater, averaged here).
 */
function readDimension(file: string): { series: DimensionSeries; raters: number } {
  const table = readTable(file);
  const time = requireColumn(table, TIME_COLUMNS, 'time');
  const skip = new Set([time, ...NAME_COLUMNS.map((n) => findColumn(table, [n])).filter((c): c is number => c !== undefined)]);
  const valueColumns = table.header.map((_, c) => c).filter((c) => !skip.has(c));
  if (valueColumns.length === 0) throw new BadInputError(`line 1: no value column besides the time (header: ${table.header.join(', ')})`, file);
  const times = table.rows.map((row) => numberCell(table, row, time));
  assertIncreasing(times, table.rows.map((r) => r.line), file, path.basename(file));
  const values = table.rows.map((row) => valueColumns.reduce((sum, c) => sum + numberCell(table, row, c), 0) / valueColumns.length);
  return { series: { times, values, file, line: table.rows[0]?.line ?? 1 }, raters: valueColumns.length };
}

/** A combined file: time, arousal and valence columns. */
function readCombined(file: string, id: string): AnnotationSeries {
  const table = readTable(file);
  const time = requireColumn(table, TIME_COLUMNS, 'time');
  const arousal = requireColumn(table, ['arousal'], 'arousal');
  const valence = requireColumn(table, ['valence'], 'valence');
  const times = table.rows.map((row) => numberCell(table, row, time));
  assertIncreasing(times, table.rows.map((r) => r.line), file, id);
  return {
    id,
    times,
    arousal: table.rows.map((row) => numberCell(table, row, arousal)),
    valence: table.rows.map((row) => numberCell(table, row, valence)),
    file,
    line: table.rows[0]?.line ?? 1,
  };
}

/** Annotation files of a folder by id (file name without extension); one id with both .arff and .csv is an error. */
function annotationFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of fs.readdirSync(dir).sort()) {
    const extension = path.extname(name).toLowerCase();
    if (!ANNOTATION_EXTENSIONS.includes(extension)) continue;
    const id = name.slice(0, name.length - extension.length);
    if (files.has(id)) throw new BadInputError(`two annotation files for '${id}': ${path.basename(files.get(id)!)} and ${name}`, dir);
    files.set(id, path.join(dir, name));
  }
  return files;
}

/** `recording,speaker` pairs. */
function readSpeakers(file: string): Map<string, string> {
  const table = readCsv(file);
  const recording = requireColumn(table, ['recording', 'id', 'file', 'Instance_name'], 'recording');
  const speaker = requireColumn(table, ['speaker', 'participant', 'subject'], 'speaker');
  const map = new Map<string, string>();
  for (const row of table.rows) {
    const id = row.cells[recording];
    if (map.has(id)) throw new BadInputError(`line ${row.line}: recording '${id}' is listed twice`, file);
    map.set(id, row.cells[speaker]);
  }
  return map;
}

/**
 * RECOLA as AVEC distributes it: audio per recording, and a gold standard at 25 Hz on [-1, 1], either in
 * `<goldDir>/arousal/<id>.arff|csv` and `<goldDir>/valence/<id>.arff|csv` (a time column and one value
 * column, or one column per rater that is averaged), or in `<goldDir>/<id>.csv` with time, arousal and
 * valence columns. Each recording is one speaker unless a speaker file maps recordings to speakers.
 */
export const recolaCorpus: Corpus<RecolaOptions> = {
  manifest: {
    id: 'recola',
    kind: 'corpus',
    description: 'RECOLA / AVEC: gold-standard arousal-valence (25 Hz, [-1, 1]) of French dyadic conversations',
    version: '1',
    options: releaseFolderOptions('the corpus folder', {
      audioDir: { type: 'string', default: 'recordings_audio' },
      goldDir: { type: 'string', default: 'ratings_gold_standard' },
      speakerFile: { type: 'string', description: 'CSV mapping recording to speaker (default: one speaker per recording)' },
      scale: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, default: [-1, 1] },
      ...COMMON_OPTIONS,
    }),
  },
  async load(options): Promise<CorpusData> {
    const root = path.resolve(options.root);
    const audioDir = under(root, options.audioDir);
    const goldDir = under(root, options.goldDir);
    if (!fs.existsSync(goldDir)) throw new BadInputError('gold-standard folder not found', goldDir);
    const separate = fs.existsSync(path.join(goldDir, 'arousal')) || fs.existsSync(path.join(goldDir, 'valence'));
    const annotations: AnnotationSeries[] = [];
    const raters: Record<string, number> = {};
    let unpaired = 0;
    if (separate) {
      for (const dimension of ['arousal', 'valence']) {
        if (!fs.existsSync(path.join(goldDir, dimension))) throw new BadInputError(`folder '${dimension}' missing beside the other dimension's`, goldDir);
      }
      const arousalFiles = annotationFiles(path.join(goldDir, 'arousal'));
      const valenceFiles = annotationFiles(path.join(goldDir, 'valence'));
      for (const [id, file] of valenceFiles) {
        if (!arousalFiles.has(id)) throw new BadInputError(`valence annotations of '${id}' have no arousal counterpart in ${path.join(goldDir, 'arousal')}`, file);
      }
      for (const [id, file] of arousalFiles) {
        const other = valenceFiles.get(id);
        if (!other) throw new BadInputError(`arousal annotations of '${id}' have no valence counterpart in ${path.join(goldDir, 'valence')}`, file);
        const a = readDimension(file);
        const v = readDimension(other);
        raters[id] = a.raters;
        const joined = joinDimensions(id, a.series, v.series);
        unpaired += joined.unpaired;
        annotations.push(joined.series);
      }
    } else {
      for (const [id, file] of annotationFiles(goldDir)) annotations.push(readCombined(file, id));
    }
    const speakers = options.speakerFile ? readSpeakers(under(root, options.speakerFile)) : undefined;
    const withSpeakers = annotations.map((series) => {
      if (!speakers) return series;
      const speaker = speakers.get(series.id);
      if (speaker === undefined) throw new BadInputError(`recording '${series.id}' has no speaker`, under(root, options.speakerFile!));
      return { ...series, group: speaker };
    });
    return assembleCorpus({
      corpus: 'recola',
      domain: 'speech',
      annotations: withSpeakers,
      audio: listAudioFiles(audioDir),
      audioDir,
      scale: options.scale,
      missingAudio: options.missingAudio,
      groupOf: (id) => id,
      extraUnlabelled: extraUnlabelled(options.unlabelledDir, options.unlabelledPattern),
      report: {
        goldDir,
        layout: separate ? 'arousal/ and valence/ folders' : 'one file per recording (time, arousal, valence)',
        groupsFrom: speakers ? options.speakerFile : 'one speaker per recording',
        ...(separate ? { valueColumnsPerFile: raters, unpairedPoints: unpaired } : {}),
      },
    });
  },
};
