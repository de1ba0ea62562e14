/** Reports progress of long work; the CLI draws a bar on stderr, tests and notebooks may stay silent. */
export interface Progress {
  /** Starts (or restarts) a phase of `total` steps. */
  begin(label: string, total: number): void;
  /** Advances the current phase; `detail` is shown beside the bar. */
  tick(steps?: number, detail?: string): void;
  end(): void;
}

export const silentProgress: Progress = { begin() {}, tick() {}, end() {} };
