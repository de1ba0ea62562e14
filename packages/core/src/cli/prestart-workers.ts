/**
 * Kept small on purpose: required by bin/emotrans.js before the CLI itself (yargs, the commands, the
 * session), so the worker threads of `emotrans features --jobs N` start while this thread still loads.
 */
import { compiledWorker, prestartWorkers } from '../experiment/worker-pool';

/** The value of `--jobs` in raw arguments (`--jobs 2` or `--jobs=2`), or undefined. */
function jobsOf(argv: readonly string[]): number | undefined {
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--') return undefined;
    if (argv[k] === '--jobs') return Number(argv[k + 1]);
    if (argv[k].startsWith('--jobs=')) return Number(argv[k].slice('--jobs='.length));
  }
  return undefined;
}

/**
 * For `features` with `--jobs N` (N > 1): starts the N - 1 workers its pool will use (this thread is the
 * N-th) now; they wait for their data, and the pool ends those it does not need. Yargs still parses and
 * checks the arguments: a guess that is wrong here costs a thread's start-up, never a result.
 */
export function prestartCommandWorkers(argv: readonly string[]): void {
  if (argv[0] !== 'features') return;
  const jobs = jobsOf(argv);
  if (jobs === undefined || !Number.isInteger(jobs) || jobs < 2) return;
  prestartWorkers(compiledWorker('features/file-features-worker'), Math.min(jobs, 64) - 1);
}
