import fs from 'node:fs';
import path from 'node:path';
import { BadInputError } from '@emotrans/core';

export const AUDIO_EXTENSIONS = ['.wav', '.flac', '.mp3', '.ogg', '.oga'];

/** An audio file found in a folder, with the id it is matched by (its path without extension). */
export interface AudioFile {
  readonly id: string;
  readonly path: string;
  /** The first sub-folder it lies in ('' at the top), e.g. a SEMAINE session. */
  readonly folder: string;
}

/**
 * The audio files of a folder (and its sub-folders when `recursive`), sorted by id. Ids are file names
 * without extension (`recursive`: relative paths with '/'); two files with the same id (e.g. `12.mp3` and
 * `12.wav`) are a BadInputError since it is unclear which to use.
 */
export function listAudioFiles(dir: string, recursive = false): AudioFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new BadInputError('audio folder not found', dir);
  const found = new Map<string, AudioFile>();
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (recursive) visit(rel);
        continue;
      }
      const extension = path.extname(entry.name).toLowerCase();
      if (!AUDIO_EXTENSIONS.includes(extension)) continue;
      const id = rel.slice(0, rel.length - extension.length);
      const file = path.join(dir, rel);
      const previous = found.get(id);
      if (previous) throw new BadInputError(`two audio files for id '${id}': ${path.basename(previous.path)} and ${entry.name}`, dir);
      found.set(id, { id, path: file, folder: rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '' });
    }
  };
  visit('');
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Duration in seconds of a RIFF/WAVE file from its header (format and data chunk size), or undefined for
 * other formats or unreadable headers; used to report annotations that run past the audio.
 */
export function wavDuration(file: string): number | undefined {
  let handle: number | undefined;
  try {
    handle = fs.openSync(file, 'r');
    const head = Buffer.alloc(4096);
    const length = fs.readSync(handle, head, 0, head.length, 0);
    if (length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return undefined;
    let offset = 12;
    let blockAlign = 0;
    let sampleRate = 0;
    while (offset + 8 <= length) {
      const id = head.toString('ascii', offset, offset + 4);
      const size = head.readUInt32LE(offset + 4);
      if (id === 'fmt ' && offset + 24 <= length) {
        sampleRate = head.readUInt32LE(offset + 12);
        blockAlign = head.readUInt16LE(offset + 20);
      } else if (id === 'data') {
        if (!sampleRate || !blockAlign) return undefined;
        const available = fs.fstatSync(handle).size - (offset + 8);
        return Math.floor(Math.min(size, available) / blockAlign) / sampleRate;
      }
      offset += 8 + size + (size % 2);
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (handle !== undefined) fs.closeSync(handle);
  }
}
