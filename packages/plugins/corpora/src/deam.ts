import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, type Corpus, type CorpusData } from '@emotrans/core';
import { assembleCorpus, type MissingAudioPolicy } from './common/assemble';
import { listAudioFiles } from './common/audio-files';
import { numberCell, optionalNumberCell, readCsv, requireColumn, type CsvTable } from './common/csv-table';
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

const SAMPLE_COLUMN = /^sample_(\d+(?:\.\d+)?)ms$/i;

/** DEAM pads the rows of songs shorter than the longest with `NaN` (or leaves them empty): no value there. */
const MISSING = ['NaN'];

/**
 * The `sample_<ms>ms` columns of a DEAM header: they start at the first column so named (the columns before
 * it name the song or the rater, when there are any) and run to the end, in strictly increasing time.
 * Anything else is a BadInputError naming the file and the column.
 */
function sampleColumns(table: CsvTable): { first: number; times: number[] } {
  const first = table.header.findIndex((name) => SAMPLE_COLUMN.test(name.trim()));
  if (first < 0) throw new BadInputError(`line 1: no time columns like 'sample_15000ms' (the header has ${table.header.slice(0, 5).map((h) => `'${h}'`).join(', ')}${table.header.length > 5 ? ', ...' : ''})`, table.file);
  const times: number[] = [];
  for (let c = first; c < table.header.length; c++) {
    const name = table.header[c];
    const match = SAMPLE_COLUMN.exec(name.trim());
    if (!match) throw new BadInputError(`line 1: column ${c + 1} is '${name}', expected a time column like 'sample_15000ms'`, table.file);
    const t = Number(match[1]) / 1000;
    const previous = times[times.length - 1];
    if (previous !== undefined && !(t > previous)) {
      throw new BadInputError(
        `line 1: column ${c + 1} '${name}' ${t === previous ? 'repeats the time of' : 'goes back in time from'} column ${c} '${table.header[c - 1]}' (time columns must increase)`,
        table.file,
      );
    }
    times.push(t);
  }
  return { first, times };
}

/** Time points a DEAM file left without a value: padding after a song's end, and gaps before its last value. */
interface MissingPoints {
  padding: number;
  gaps: number;
}

/** A series from optional values at `times`: missing values are left out (gaps) or end the series (padding). */
function presentPoints(times: readonly number[], values: readonly (number | undefined)[], missing: MissingPoints): { times: number[]; values: number[] } {
  let end = values.length;
  while (end > 0 && values[end - 1] === undefined) end--;
  missing.padding += times.length - end;
  const out = { times: [] as number[], values: [] as number[] };
  for (let i = 0; i < end; i++) {
    const value = values[i];
    if (value === undefined) missing.gaps++;
    else {
      out.times.push(times[i]);
      out.values.push(value);
    }
  }
  return out;
}

/** One row per song: the song id, then one value per `sample_<t>ms` column (rows end where songs end). */
function readPerSong(file: string, missing: MissingPoints): Map<string, DimensionSeries> {
  const table = readCsv(file, { ragged: true });
  const idColumn = requireColumn(table, ['song_id', 'musicId', 'id'], 'song id');
  if (idColumn !== 0) throw new BadInputError(`line 1: the song id must be the first column (found '${table.header[idColumn]}' at column ${idColumn + 1})`, file);
  const { first, times } = sampleColumns(table);
  if (first !== 1) throw new BadInputError(`line 1: the time columns must follow the song id (found '${table.header[1]}' at column 2)`, file);
  const songs = new Map<string, DimensionSeries>();
  for (const row of table.rows) {
    const id = normaliseId(row.cells[0]);
    if (id === '') throw new BadInputError(`line ${row.line}: empty song id`, file);
    if (songs.has(id)) throw new BadInputError(`line ${row.line}: song '${id}' appears twice (first at line ${songs.get(id)!.line})`, file);
    const values = times.map((_, i) => optionalNumberCell(table, row, first + i, MISSING));
    const points = presentPoints(times, values, missing);
    if (points.times.length === 0) throw new BadInputError(`line ${row.line}: song '${id}' has no annotation values (every cell empty or NaN)`, file);
    songs.set(id, { ...points, file, line: row.line });
  }
  return songs;
}

/**
 * A per-rater file (one row per rater: optionally the worker id, then samples): the mean over the raters
 * that have a value at each time. Whether a worker-id column leads is read from the header.
 */
function readPerRater(file: string, missing: MissingPoints): { series: DimensionSeries; raters: number } {
  const table = readCsv(file, { ragged: true });
  const { first, times } = sampleColumns(table);
  if (table.rows.length === 0) throw new BadInputError('no rater rows below the header', file);
  const sums = new Float64Array(times.length);
  const counts = new Float64Array(times.length);
  for (const row of table.rows) {
    for (let i = 0; i < times.length; i++) {
      const value = optionalNumberCell(table, row, first + i, MISSING);
      if (value === undefined) continue;
      sums[i] += value;
      counts[i]++;
    }
  }
  const means = Array.from(sums, (s, i) => (counts[i] > 0 ? s / counts[i] : undefined));
  const points = presentPoints(times, means, missing);
  if (points.times.length === 0) throw new BadInputError('no annotation values (every cell empty or NaN)', file);
  return { series: { ...points, file, line: table.rows[0].line }, raters: table.rows.length };
}

/** File names of static (per-song, 1-9) ratings: DEAM's `static_annotations_averaged_songs_*.csv`, MediaEval's `static_annotations.csv`. */
const STATIC_FILE = /^static_annotations.*\.csv$/i;

/**
 * DEAM's / MediaEval's static (per-song, 1-9) means, when the release has them: reported, not used as
 * targets. `location` is a file or a folder, in which only the static-annotation files are read (the
 * MediaEval 2014 annotations folder also holds the dynamic files).
 */
function readStatic(location: string): { files: string[]; songs: Map<string, { arousal: number; valence: number }> } {
  const songs = new Map<string, { arousal: number; valence: number }>();
  if (!fs.existsSync(location)) return { files: [], songs };
  const files = fs.statSync(location).isDirectory()
    ? fs.readdirSync(location).filter((f) => STATIC_FILE.test(f)).sort().map((f) => path.join(location, f))
    : [location];
  for (const file of files) {
    const table = readCsv(file);
    const id = requireColumn(table, ['song_id'], 'song id');
    const arousal = requireColumn(table, ['arousal_mean', 'mean_arousal', 'arousal'], 'arousal mean');
    const valence = requireColumn(table, ['valence_mean', 'mean_valence', 'valence'], 'valence mean');
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
    version: '2',
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
      staticDir: {
        type: 'string',
        default: 'annotations averaged per song/song_level',
        description: 'static 1-9 ratings (a file, or a folder whose static_annotations*.csv are read), reported when present',
      },
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
    const missing: MissingPoints = { padding: 0, gaps: 0 };
    if (options.variant === 'averaged') {
      const dir = under(annotationsDir, options.averagedDir);
      arousal = readPerSong(under(dir, options.arousalFile), missing);
      valence = readPerSong(under(dir, options.valenceFile), missing);
    } else {
      const dir = under(annotationsDir, options.perRaterDir);
      arousal = new Map();
      valence = new Map();
      for (const [dimension, target] of [['arousal', arousal], ['valence', valence]] as const) {
        const folder = path.join(dir, dimension);
        if (!fs.existsSync(folder)) throw new BadInputError(`per-rater folder '${dimension}' not found`, folder);
        for (const name of fs.readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.csv')).sort()) {
          const { series, raters: count } = readPerRater(path.join(folder, name), missing);
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
        // Time points without a value: after a song's end (NaN or empty padding), and before it (gaps, interpolated over).
        missingPoints: missing,
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
