/** Base of the errors emotrans reports to users; `exitCode` is what the CLI exits with. */
export class EmotransError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Bad input from the user: a spec, a data file, an unknown plugin or id. The message names the file
 * (and the field or line) so the user knows what to fix. CLI exit code 2.
 */
export class BadInputError extends EmotransError {
  constructor(message: string, readonly file?: string) {
    super(file ? `${file}: ${message}` : message, 2);
  }
}

/**
 * The BadInputError for a file that could not be read (or stat'ed): `notFound` when it does not exist and
 * that wording is given, otherwise "cannot read <what> (<error code>)".
 */
export function fileReadError(error: unknown, file: string, what: string, notFound?: string): BadInputError {
  const code = (error as NodeJS.ErrnoException).code;
  return new BadInputError(notFound && code === 'ENOENT' ? notFound : `cannot read ${what} (${code ?? (error as Error).message})`, file);
}

/** A failure while running an experiment (not the user's input). CLI exit code 1. */
export class RunFailure extends EmotransError {
  constructor(message: string, override readonly cause?: unknown) {
    super(message, 1);
  }
}
