import v8 from 'node:v8';
import type { Worker } from 'node:worker_threads';

/** Workers being started with the flag off; it is back on when none is left. */
let starting = 0;

/**
 * Starts a worker thread (`start`) whose V8 optimises hot code on that thread itself instead of handing it
 * to background compiler threads. With as many busy JavaScript threads as cores (`features --jobs 2` on
 * two) those background threads find no idle core: each thread then runs unoptimised code for longer while
 * two optimising compilers queue for CPU, and the batch costs ~0.25 s more CPU (10 files of 30 s,
 * compare-lld). V8 reads the flag once, when an isolate is made: it is off only until the worker's isolate
 * runs ('online'), so this thread (whose compiler has the idle core while the workers start) and threads
 * started otherwise keep V8's default, and every isolate's state matches the flag again afterwards.
 * Optimisation never changes results (JavaScript arithmetic is IEEE double whatever the tier).
 */
export function startOptimisingOnItsThread(start: () => Worker): Worker {
  if (starting++ === 0) v8.setFlagsFromString('--no-concurrent-recompilation');
  let worker: Worker;
  try {
    worker = start();
  } catch (error) {
    restore();
    throw error;
  }
  let pending = true;
  const started = () => {
    if (pending) restore();
    pending = false;
  };
  worker.once('online', started);
  worker.once('error', started);
  worker.once('exit', started);
  return worker;
}

function restore(): void {
  if (--starting === 0) v8.setFlagsFromString('--concurrent-recompilation');
}
