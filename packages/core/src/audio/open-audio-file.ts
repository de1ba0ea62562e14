import fs from 'node:fs';
import { BadInputError, fileReadError } from '../runtime/errors';
import { checkRegularFile } from './regular-file';
import { fileSource } from './wav';

/** Largest compressed file read whole (Node's limit for one Buffer read). */
const MAX_COMPRESSED_BYTES = 2 ** 31 - 1;

/**
 * Opens an audio file for reading after checking it is a regular file: a directory, a FIFO (which would
 * block forever), a socket or a device is an error naming it, as are missing and unreadable files.
 */
export function openAudioFile(file: string): { fd: number; size: number } {
  let fd: number | undefined;
  try {
    checkRegularFile(fs.statSync(file), file);
    fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    checkRegularFile(stat, file); // replaced between the two calls
    return { fd, size: stat.size };
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    if (error instanceof BadInputError) throw error;
    throw fileReadError(error, file, 'audio', 'audio file not found');
  }
}

export function readWhole(fd: number, size: number, file: string, format: string): Buffer {
  if (size > MAX_COMPRESSED_BYTES) {
    throw new BadInputError(`${format} file of ${(size / 2 ** 30).toFixed(2)} GiB is over the ${(MAX_COMPRESSED_BYTES / 2 ** 30).toFixed(0)} GiB emotrans reads (split it, or convert it to WAV, which is read in blocks)`, file);
  }
  try {
    return fileSource(fd, size).read(0, size);
  } catch (error) {
    throw fileReadError(error, file, 'audio');
  }
}
