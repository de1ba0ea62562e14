import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, type Corpus, type CorpusData } from '@emotrans/core';
import { assembleCorpus, type MissingAudioPolicy } from './common/assemble';
import { listAudioFiles } from './common/audio-files';
import { numberCell, readCsv, requireColumn, type CsvTable } from './common/csv-table';
import { COMMON_OPTIONS, extraUnlabelled, normaliseId, releaseFolderOptions, under } from './common/options';
import { joinDimensions, type DimensionSeries } from './common/series';

export interface DeamOptions {
  root: string;
  audioDir: string;
  annotationsDir: string;
  variant: 'averaged' | 'per-rater';
  averagedDir: string;
  arousalFile: string;
  valenceFile: string;
  perRaterDir: string;
  staticDir: string;
  missingAudio: MissingAudioPolicy;
  unlabelled: boolean;
  unlabelledDir?: string;
  unlabelledPattern?: string;
}

/** `sample_15000ms` → 15 (seconds); any other column name is an error naming the header. */
function sampleTimes(table: CsvTable, from: number): number[] {
  return table.header.slice(from).map((name, i) => {
    const match = /^sample_(\d+(?:\.\d+)?)ms$/i.exec(name.trim());
    if (!match) throw new BadInputError(`line 1: column ${from + i + 1} is '${name}', expected a time column like 'sample_15000ms'`, table.file);
    return Number(match[1]) / 1000;
  });
}

/** One row per song: the song id, then one value per `sample_<t>ms` column (rows end where songs end). */
function readPerSong(file: string): Map<string, DimensionSeries> {
  const table = readCsv(file, { ragged: true });
  const idColumn = requireColumn(table, ['song_id', 'musicId', 'id'], 'song id');
  if (idColumn !== 0) throw new BadInputError(`line 1: the song id must be the first column (found '${table.header[idColumn]}' at column ${idColumn + 1})`, file);
  const times = sampleTimes(table, 1);
  const songs = new Map<string, DimensionSeries>();
  for (const row of table.rows) {
    const id = normaliseId(row.cells[0]);
    if (id === '') throw new BadInputError(`line ${row.line}: empty song id`, file);
    if (songs.has(id)) throw new BadInputError(`line ${row.line}: song '${id}' appears twice (first at line ${songs.get(id)!.line})`, file);
    const values: number[] = [];
    for (let c = 1; c < row.cells.length; c++) values.push(numberCell(table, row, c));
    songs.set(id, { times: times.slice(0, values.length), values, file, line: row.line });
  }
  return songs;
}

/** A per-rater file (one row per rater: worker id, then samples): the mean over the raters at each time. */
function readPerRater(file: string): { series: DimensionSeries; raters: number } {
  const table = readCsv(file, { ragged: true });
  const times = sampleTimes(table, 1);
  const sums = new Float64Array(times.length);
  const counts = new Float64Array(times.length);
  for (const row of table.rows) {
    for (let c = 1; c < row.cells.length; c++) {
      sums[c - 1] += numberCell(table, row, c);
      counts[c - 1]++;
    }
  }
  let length = 0;
  while (length < times.length && counts[length] > 0) length++;
  const values = Array.from(sums.subarray(0, length), (s, i) => s / counts[i]);
  return { series: { times: times.slice(0, length), values, file, line: 2 }, raters: table.rows.length };
}

/** DEAM's static (per-song, 1-9) means, when the release has them: reported, not used as targets. */
function readStatic(dir: string): { files: string[]; songs: Map<string, { arousal: number; valence: number }> } {
  const songs = new Map<string, { arousal: number; valence: number }>();
  if (!fs.existsSync(dir)) return { files: [], songs };
  const files = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => path.join(dir, f));
  for (const file of files) {
    const table = readCsv(file);
    const id = requireColumn(table, ['song_id'], 'song id');
    const arousal = requireColumn(table, ['arousal_mean', 'arousal'], 'arousal mean');
    const valence = requireColumn(table, ['valence_mean', 'valence'], 'valence mean');
    for (const row of table.rows) songs.set(normaliseId(row.cells[id]), { arousal: numberCell(table, row, arousal), valence: numberCell(table, row, valence) });
  }
  return { files, songs };
}

/**
 * DEAM / MediaEval "Emotion in Music": MP3 clips named by song id; dynamic arousal and valence every 0.5 s
 * on [-1, 1], either averaged per song (one CSV per dimension, a row per song) or per rater (a CSV per song
 * and dimension, a row per rater, averaged here). Every song is its own group. The MediaEval 2014 release
 * has the same format under other names (audioDir, averagedDir, arousalFile and valenceFile select them).
 */
export const deamCorpus: Corpus<DeamOptions> = {
  manifest: {
    id: 'deam',
    kind: 'corpus',
    description: 'DEAM / MediaEval Emotion in Music: dynamic arousal-valence (2 Hz, [-1, 1]) of song clips',
    version: '1',
    options: releaseFolderOptions('the DEAM release folder', {
      audioDir: { type: 'string', default: 'DEAM_audio/MEMD_audio' },
      annotationsDir: { type: 'string', default: 'DEAM_Annotations/annotations' },
      variant: { enum: ['averaged', 'per-rater'], default: 'averaged' },
      averagedDir: {
        type: 'string',
        default: 'annotations averaged per song/dynamic (per second annotations)',
        description: 'holds the averaged arousal and valence files (relative to annotationsDir)',
      },
      arousalFile: { type: 'string', default: 'arousal.csv', description: "MediaEval 2014: 'arousal_cont_average.csv'" },
      valenceFile: { type: 'string', default: 'valence.csv', description: "MediaEval 2014: 'valence_cont_average.csv'" },
      perRaterDir: {
        type: 'string',
        default: 'annotations per each rater/dynamic (per second annotations)',
        description: 'holds arousal/<song>.csv and valence/<song>.csv (relative to annotationsDir)',
      },
      staticDir: { type: 'string', default: 'annotations averaged per song/song_level', description: 'static 1-9 ratings, reported when present' },
      ...COMMON_OPTIONS,
      unlabelled: { type: 'boolean', default: false, description: 'songs without dynamic annotations join the unlabelled pool' },
    }),
  },
  async load(options): Promise<CorpusData> {
    const root = path.resolve(options.root);
    const audioDir = under(root, options.audioDir);
    const annotationsDir = under(root, options.annotationsDir);
    const audio = listAudioFiles(audioDir).map((a) => ({ ...a, id: normaliseId(a.id) }));
    let arousal: Map<string, DimensionSeries>;
    let valence: Map<string, DimensionSeries>;
    const raters: Record<string, number> = {};
    if (options.variant === 'averaged') {
      const dir = under(annotationsDir, options.averagedDir);
      arousal = readPerSong(under(dir, options.arousalFile));
      valence = readPerSong(under(dir, options.valenceFile));
    } else {
      const dir = under(annotationsDir, options.perRaterDir);
      arousal = new Map();
      valence = new Map();
      for (const [dimension, target] of [['arousal', arousal], ['valence', valence]] as const) {
        const folder = path.join(dir, dimension);
        if (!fs.existsSync(folder)) throw new BadInputError(`per-rater folder '${dimension}' not found`, folder);
        for (const name of fs.readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.csv')).sort()) {
          const { series, raters: count } = readPerRater(path.join(folder, name));
          const id = normaliseId(name.slice(0, -4));
          target.set(id, series);
          if (dimension === 'arousal') raters[id] = count;
        }
      }
    }
    let unpaired = 0;
    const annotations = [...arousal.keys()].map((id) => {
      const other = valence.get(id);
      const first = arousal.get(id)!;
      if (!other) throw new BadInputError(`line ${first.line}: song '${id}' has arousal but no valence annotations`, first.file);
      const joined = joinDimensions(id, first, other);
      unpaired += joined.unpaired;
      return joined.series;
    });
    for (const [id, series] of valence) {
      if (!arousal.has(id)) throw new BadInputError(`line ${series.line}: song '${id}' has valence but no arousal annotations`, series.file);
    }
    const staticRatings = readStatic(under(annotationsDir, options.staticDir));
    const data = assembleCorpus({
      corpus: 'deam',
      domain: 'music',
      annotations,
      audio,
      audioDir,
      scale: [-1, 1],
      missingAudio: options.missingAudio,
      groupOf: (id) => id,
      unmatchedAudioAsUnlabelled: options.unlabelled,
      extraUnlabelled: extraUnlabelled(options.unlabelledDir, options.unlabelledPattern),
      report: {
        variant: options.variant,
        unpairedPoints: unpaired,
        ...(options.variant === 'per-rater' ? { ratersPerSong: raters } : {}),
      },
    });
    const labelledIds = new Set(data.labelled.map((s) => s.id));
    const staticReport =
      staticRatings.files.length === 0
        ? undefined
        : {
            files: staticRatings.files,
            scale: [1, 9],
            songs: staticRatings.songs.size,
            // Per loaded song, on the original 1-9 scale: context for the dynamic traces, not a target.
            perSong: Object.fromEntries([...staticRatings.songs].filter(([id]) => labelledIds.has(id))),
          };
    return { ...data, report: { ...data.report, staticAnnotations: staticReport ?? 'none found' } };
  },
};
