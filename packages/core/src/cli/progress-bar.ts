import type { SingleBar } from 'cli-progress';
import type { Progress } from '../runtime/progress';

/** Remaining time at the rate so far, as `1m05s`; `?` before the first step. */
function eta(elapsedMs: number, done: number, total: number): string {
  if (done <= 0) return '?';
  const seconds = Math.round(((elapsedMs / done) * (total - done)) / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/** A progress bar on stderr with rate and ETA; prints plain lines when stderr is not a terminal. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  let bar: SingleBar | undefined;
  let label = '';
  let total = 0;
  let done = 0;
  let lastLine = 0;
  let started = 0;
  const tty = Boolean(stream.isTTY);
  return {
    begin(name, steps) {
      this.end();
      label = name;
      total = steps;
      done = 0;
      started = Date.now();
      if (tty) {
        // Required here: a run with --quiet or without a terminal (a pipe, CI) never draws a bar.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { SingleBar: Bar } = require('cli-progress') as typeof import('cli-progress');
        bar = new Bar({
          stream,
          format: `${name.padEnd(16)} {bar} {value}/{total} | {percentage}% | ETA {eta_formatted} | {detail}`,
          hideCursor: true,
          clearOnComplete: false,
        });
        bar.start(steps, 0, { detail: '' });
      }
    },
    tick(steps = 1, detail = '') {
      done += steps;
      if (bar) bar.increment(steps, { detail });
      else if (Date.now() - lastLine > 2000 || done === total) {
        lastLine = Date.now();
        stream.write(`${label}: ${done}/${total}${done < total ? ` ETA ${eta(Date.now() - started, done, total)}` : ''} ${detail}\n`);
      }
    },
    end() {
      bar?.stop();
      bar = undefined;
    },
  };
}
