import path from 'node:path';
import { BadInputError, parseJsonFile, readTextInput, validateAgainst, type Corpus, type CorpusData, type JsonSchema } from '@emotrans/core';
import { assembleCorpus, type MissingAudioPolicy } from './common/assemble';
import { AUDIO_EXTENSIONS, listAudioFiles } from './common/audio-files';
import { findColumn, numberCell, readCsv, requireColumn } from './common/csv-table';
import { COMMON_OPTIONS, extraUnlabelled, under } from './common/options';
import { seriesFromPoints, type AnnotationPoint } from './common/series';

export interface FolderOptions {
  dir: string;
  manifest: string;
  labels: boolean;
  missingAudio: MissingAudioPolicy;
  unlabelledDir?: string;
  unlabelledPattern?: string;
}

/** The manifest a lab writes beside its audio. */
export interface FolderManifest {
  /** `music`, `speech` or any domain name. */
  domain: string;
  /** The annotation scale [min, max], mapped to [-1, 1]. */
  scale: [number, number];
  /** Nominal annotation rate, Hz (reported; the times in the CSV are what count). */
  rate?: number;
  /** The CSV, relative to the folder. */
  annotations: string;
  /** The audio folder, relative to the folder. */
  audio: string;
  /** A CSV column naming each file's group (speaker, piece); default: each file its own group. */
  groupColumn?: string;
  /** A folder of audio without labels (relative to the folder), for the unlabelled pool. */
  unlabelled?: string;
}

export const FOLDER_MANIFEST_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['domain', 'scale'],
  properties: {
    domain: { type: 'string', minLength: 1 },
    scale: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    rate: { type: 'number', exclusiveMinimum: 0 },
    annotations: { type: 'string', default: 'annotations.csv' },
    audio: { type: 'string', default: '.' },
    groupColumn: { type: 'string' },
    unlabelled: { type: 'string' },
  },
};

function readManifest(file: string): FolderManifest {
  const text = readTextInput(file, 'the folder manifest');
  const manifest = parseJsonFile(text, file);
  const problems = validateAgainst(FOLDER_MANIFEST_SCHEMA, manifest);
  if (problems.length) throw new BadInputError(`invalid folder manifest:\n  ${problems.join('\n  ')}`, file);
  return manifest as FolderManifest;
}

const stripAudioExtension = (name: string) => {
  const extension = path.extname(name).toLowerCase();
  return AUDIO_EXTENSIONS.includes(extension) ? name.slice(0, name.length - extension.length) : name;
};

/**
 * The generic layout any lab can produce: a folder with audio files, a CSV `file,time,arousal,valence`
 * (any rate, any scale; `file` with or without extension; an optional group column) and a `manifest.json`
 * stating the domain and scale. With `labels: false` every audio file is unlabelled and no CSV is read.
 */
export const folderCorpus: Corpus<FolderOptions> = {
  manifest: {
    id: 'folder',
    kind: 'corpus',
    description: 'Any folder of audio with a file,time,arousal,valence CSV and a manifest.json (domain, scale)',
    version: '1',
    options: {
      type: 'object',
      additionalProperties: false,
      required: ['dir'],
      properties: {
        dir: { type: 'string', format: 'path' },
        manifest: { type: 'string', default: 'manifest.json', description: 'relative to dir' },
        labels: { type: 'boolean', default: true, description: 'false: audio only, every file unlabelled' },
        ...COMMON_OPTIONS,
      },
    },
  },
  async load(options): Promise<CorpusData> {
    const dir = path.resolve(options.dir);
    const manifestFile = under(dir, options.manifest);
    const manifest = readManifest(manifestFile);
    const audioDir = under(dir, manifest.audio);
    const audio = listAudioFiles(audioDir, true);
    const extra = [
      ...(manifest.unlabelled ? listAudioFiles(under(dir, manifest.unlabelled), true).map((a) => ({ ...a, id: `unlabelled/${a.id}` })) : []),
      ...extraUnlabelled(options.unlabelledDir, options.unlabelledPattern),
    ];
    if (!options.labels) {
      const all = [...audio, ...extra];
      return {
        domain: manifest.domain,
        labelled: [],
        unlabelled: all.map((a) => ({ id: a.id, domain: manifest.domain, group: a.folder || a.id, audio: { kind: 'file', path: a.path } })),
        report: { corpus: 'folder', dir, manifest: manifestFile, labels: false, unlabelled: all.length },
      };
    }
    const table = readCsv(under(dir, manifest.annotations));
    const fileColumn = requireColumn(table, ['file', 'filename', 'id'], 'file');
    const time = requireColumn(table, ['time', 'frameTime'], 'time');
    const arousal = requireColumn(table, ['arousal'], 'arousal');
    const valence = requireColumn(table, ['valence'], 'valence');
    const group = manifest.groupColumn === undefined ? undefined : findColumn(table, [manifest.groupColumn]);
    if (manifest.groupColumn !== undefined && group === undefined) {
      throw new BadInputError(`line 1: no group column '${manifest.groupColumn}' (named by groupColumn in ${manifestFile})`, table.file);
    }
    const points = new Map<string, AnnotationPoint[]>();
    const groups = new Map<string, { group: string; line: number }>();
    for (const row of table.rows) {
      const id = stripAudioExtension(row.cells[fileColumn] ?? '');
      if (id === '') throw new BadInputError(`line ${row.line}: empty file name`, table.file);
      if (group !== undefined) {
        const value = row.cells[group] ?? '';
        const seen = groups.get(id);
        if (seen && seen.group !== value) {
          throw new BadInputError(`line ${row.line}: file '${id}' is in group '${value}' here but in '${seen.group}' at line ${seen.line}`, table.file);
        }
        if (!seen) groups.set(id, { group: value, line: row.line });
      }
      const list = points.get(id) ?? [];
      list.push({ t: numberCell(table, row, time), a: numberCell(table, row, arousal), v: numberCell(table, row, valence), line: row.line });
      points.set(id, list);
    }
    const annotations = seriesFromPoints(points, table.file).map((series) => ({ ...series, group: groups.get(series.id)?.group }));
    return assembleCorpus({
      corpus: 'folder',
      domain: manifest.domain,
      annotations,
      audio,
      audioDir,
      scale: manifest.scale,
      missingAudio: options.missingAudio,
      groupOf: (id) => id,
      extraUnlabelled: extra,
      report: { dir, manifest: manifestFile, annotationFile: table.file, nominalRate: manifest.rate ?? 'not stated', groupsFrom: manifest.groupColumn ?? 'one group per file' },
    });
  },
};
