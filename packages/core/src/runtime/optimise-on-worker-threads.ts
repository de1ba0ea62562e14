import v8 from 'node:v8';

let set = false;

/**
 * Worker threads started from now on optimise their hot code on their own thread instead of handing it to
 * V8's background compiler threads. With as many busy JavaScript threads as cores (`--jobs 2` on two) those
 * background threads find no idle core: each thread then runs unoptimised code for longer while two
 * optimising compilers queue for CPU, and the batch costs ~0.25 s more CPU (10 files of 30 s, compare-lld).
 * V8 reads the flag when an isolate is made, so this thread (whose compiler does have the idle core while
 * the workers start) keeps compiling in the background. Optimisation does not change results (JavaScript
 * arithmetic is exact IEEE double whatever the tier).
 */
export function optimiseOnWorkerThreads(): void {
  if (set) return;
  v8.setFlagsFromString('--no-concurrent-recompilation');
  set = true;
}
