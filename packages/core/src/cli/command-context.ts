/** Options every command accepts. */
export interface GlobalOptions {
  /** Extra plugins (paths or npm package names). */
  plugin?: string[];
  quiet?: boolean;
}

export function log(options: GlobalOptions): (message: string) => void {
  return options.quiet ? () => {} : (message) => process.stderr.write(`${message}\n`);
}
