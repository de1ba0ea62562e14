import { createSession, type Session } from '../session';

/** Options every command accepts. */
export interface GlobalOptions {
  /** Extra plugins (paths or npm package names). */
  plugin?: string[];
  quiet?: boolean;
}

export function log(options: GlobalOptions): (message: string) => void {
  return options.quiet ? () => {} : (message) => process.stderr.write(`${message}\n`);
}

/** A session with the workspace plugins, `--plugin`s and `extra` ones; warns about plugins that failed to load. */
export function openSession(options: GlobalOptions, extra: readonly string[] = []): Session {
  const session = createSession({ plugins: [...(options.plugin ?? []), ...extra] });
  for (const failure of session.pluginFailures) process.stderr.write(`emotrans: warning: plugin skipped: ${failure.message}\n`);
  return session;
}
