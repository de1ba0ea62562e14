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

/**
 * The message of anything thrown: an Error's message, or a readable form of a non-Error (a string, a
 * number, undefined, an object) — never "undefined" for a plugin that threw `undefined`.
 */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name || 'an error without a message';
  if (thrown === undefined) return 'it threw undefined (not an Error)';
  if (thrown === null) return 'it threw null (not an Error)';
  if (typeof thrown === 'string') return thrown || 'it threw an empty string';
  if (typeof thrown === 'object') {
    const message = (thrown as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
    try {
      return `it threw ${JSON.stringify(thrown)?.slice(0, 200)} (not an Error)`;
    } catch {
      return 'it threw an object that is not an Error';
    }
  }
  return `it threw ${String(thrown)} (not an Error)`;
}

/** Where a failure inside a contribution happened: the unit (or the sequence) and the contribution. */
export interface FailureSite {
  /** `unit music/intra/music/f0/r0`, `corpus 'deam' (domain music)`, `features of <file>`... */
  readonly where?: string;
  readonly kind: string;
  readonly id: string;
  /** What the contribution was doing: `fit`, `predict`, `load`, `extract`, `transform`. */
  readonly step: string;
}

/**
 * The one way a failure inside a contribution reaches the user: a RunFailure "<where>: <kind> '<id>'
 * failed in <step>: <cause>" (exit 1) that keeps the cause (its stack is printed with --verbose). An
 * EmotransError the contribution threw on purpose (a BadInputError naming a file, exit 2) passes through
 * with its own wording and exit code.
 */
export function contributionFailure(site: FailureSite, thrown: unknown): EmotransError {
  if (thrown instanceof EmotransError) return thrown;
  const prefix = site.where ? `${site.where}: ` : '';
  return new RunFailure(`${prefix}${site.kind} '${site.id}' failed in ${site.step}: ${describeThrown(thrown)}`, thrown);
}

/** Runs a call into a contribution, turning whatever it throws or rejects with into contributionFailure. */
export async function callContribution<T>(site: FailureSite, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (thrown) {
    throw contributionFailure(site, thrown);
  }
}

/** The same, for synchronous calls (predict, transform). */
export function callContributionSync<T>(site: FailureSite, call: () => T): T {
  try {
    return call();
  } catch (thrown) {
    throw contributionFailure(site, thrown);
  }
}

/** An error as plain data, to cross a worker-thread boundary without losing its class or exit code. */
export interface SerialisedError {
  readonly name: string;
  readonly message: string;
  readonly exitCode?: 1 | 2;
  readonly stack?: string;
}

export function serialiseError(thrown: unknown): SerialisedError {
  if (thrown instanceof EmotransError) {
    const cause = thrown instanceof RunFailure ? thrown.cause : undefined;
    return { name: thrown.name, message: thrown.message, exitCode: thrown.exitCode, stack: (cause instanceof Error ? cause.stack : undefined) ?? thrown.stack };
  }
  return { name: thrown instanceof Error ? thrown.name : typeof thrown, message: describeThrown(thrown), stack: thrown instanceof Error ? thrown.stack : undefined };
}

/**
 * The error a serialised one stands for: an EmotransError again with the same message and exit code (so
 * `--jobs N` reports exactly what `--jobs 1` does); anything else comes back through `wrap`.
 */
export function deserialiseError(data: SerialisedError, wrap: (error: Error) => EmotransError): EmotransError {
  const original = Object.assign(new Error(data.message), { name: data.name, stack: data.stack });
  if (data.exitCode === 2) return Object.assign(new BadInputError(data.message), { stack: data.stack });
  if (data.exitCode === 1) return new RunFailure(data.message, original);
  return wrap(original);
}

/** The stack to print with --verbose: the cause's when there is one (a plugin's frames), else the error's. */
export function verboseStack(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.stack) return cause.stack;
  return error instanceof Error ? error.stack : undefined;
}
