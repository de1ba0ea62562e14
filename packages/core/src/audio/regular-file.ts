import type fs from 'node:fs';
import { BadInputError } from '../runtime/errors';

/**
 * A directory, FIFO, socket or device given as an audio file is an error naming it, before anything opens
 * it (opening a FIFO would block forever).
 */
export function checkRegularFile(stat: fs.Stats, file: string): void {
  if (stat.isFile()) return;
  const what = stat.isDirectory()
    ? 'a directory'
    : stat.isFIFO()
      ? 'a FIFO (named pipe)'
      : stat.isSocket()
        ? 'a socket'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? 'a device'
          : 'not a regular file';
  throw new BadInputError(`is ${what}, expected an audio file`, file);
}

