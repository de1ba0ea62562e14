import fs from 'node:fs';
import { fileReadError } from './errors';

/**
 * The UTF-8 text of a user's input file (spec, annotations, feature file); a file that cannot be read is a
 * BadInputError naming it (see fileReadError for the wording).
 */
export function readTextInput(file: string, what: string, notFound?: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw fileReadError(error, file, what, notFound);
  }
}
