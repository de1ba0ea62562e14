/**
 * Which cell a piece of running code belongs to, carried through its async continuations, and what an
 * interrupt cancels: an interrupted cell's timers no longer fire, the workers and child processes it
 * started are stopped, its output is dropped, and any file write it still attempts throws. Variables stay.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import v8 from 'node:v8';
import workerThreads from 'node:worker_threads';

export class InterruptedError extends Error {
  override name = 'Interrupted';
}

export interface CellScope {
  /** The runtime's request id of the cell. */
  readonly id: number;
  cancelled: boolean;
  /** Stops what the cell started (workers, child processes), run once on cancel. */
  readonly cleanups: Set<() => void>;
}

/*
 * The scope is carried by V8's promise hooks and by the guarded schedulers below, not by Node's
 * AsyncLocalStorage: an interrupt may terminate JavaScript in the middle of a continuation
 * (runtime-watch.ts), and Node aborts the process when that leaves its async-context stack unbalanced.
 * A terminated continuation can leave `active` set: every entry from the kernel resets it (resetScope).
 */
let active: CellScope | undefined;
const saved: (CellScope | undefined)[] = [];

/** Returns the object it is given, so a subclass can stamp a private field on any object. */
class Stamped {
  constructor(target: object) {
    return target;
  }
}

/**
 * A promise's scope, as a private field stamped on the promise: invisible to inspection and reflection,
 * and about three times cheaper per promise than a WeakMap.
 */
class PromiseScope extends Stamped {
  #scope: CellScope;
  private constructor(promise: Promise<unknown>, scope: CellScope) {
    super(promise);
    this.#scope = scope;
  }

  static set(promise: Promise<unknown>, scope: CellScope): void {
    new PromiseScope(promise, scope);
  }

  static get(promise: Promise<unknown> | undefined): CellScope | undefined {
    return promise !== undefined && #scope in promise ? (promise as unknown as PromiseScope).#scope : undefined;
  }
}

export const newScope = (id: number): CellScope => ({ id, cancelled: false, cleanups: new Set() });

export function runInScope<T>(scope: CellScope | undefined, run: () => T): T {
  const previous = active;
  active = scope;
  try {
    return run();
  } finally {
    active = previous;
  }
}

/** The cell the running code was started by (through awaits, promise callbacks and timers). */
export function currentScope(): CellScope | undefined {
  return active;
}

/** Called where the kernel's messages enter: no cell code is running there. */
export function resetScope(): void {
  active = undefined;
  saved.length = 0;
}

export function cancelScope(scope: CellScope): void {
  if (scope.cancelled) return;
  scope.cancelled = true;
  for (const cleanup of scope.cleanups) {
    try {
      // The kernel's own action, not the cell's: allowed to remove a lock file the cell may no longer touch.
      runInScope(undefined, cleanup);
    } catch {
      // already gone
    }
  }
  scope.cleanups.clear();
}

function refuseIfCancelled(): void {
  if (active?.cancelled) throw new InterruptedError('the cell was interrupted: its remaining work is cancelled');
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Callbacks scheduled by a cell run only while the cell is not cancelled. */
function guardScheduler(owner: Record<string, unknown>, name: string, clear?: (handle: unknown) => void): void {
  const original = owner[name] as AnyFunction & Record<symbol, unknown>;
  const guarded = function (this: unknown, callback: unknown, ...rest: unknown[]) {
    const scope = active;
    if (!scope || typeof callback !== 'function') return original.call(this, callback, ...rest);
    let handle: unknown;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      if (scope.cancelled) {
        if (clear && handle !== undefined) clear(handle);
        return undefined;
      }
      return runInScope(scope, () => (callback as AnyFunction).apply(this, args));
    };
    handle = original.call(this, wrapped, ...rest);
    return handle;
  };
  // util.promisify(setTimeout) and friends keep working.
  for (const key of Object.getOwnPropertySymbols(original)) (guarded as unknown as Record<symbol, unknown>)[key] = original[key];
  owner[name] = guarded;
}

/** fs functions that change files: an interrupted cell may not call them any more. */
const WRITING_FS = [
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'write', 'writeSync', 'writev', 'writevSync',
  'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'mkdir', 'mkdirSync', 'rm', 'rmSync',
  'rmdir', 'rmdirSync', 'unlink', 'unlinkSync', 'truncate', 'truncateSync', 'ftruncate', 'ftruncateSync',
  'open', 'openSync', 'createWriteStream', 'symlink', 'symlinkSync', 'link', 'linkSync',
];
const WRITING_FS_PROMISES = ['writeFile', 'appendFile', 'rename', 'copyFile', 'cp', 'mkdir', 'rm', 'rmdir', 'unlink', 'truncate', 'open', 'symlink', 'link'];

function guardCalls(owner: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    const original = owner[name];
    if (typeof original !== 'function') continue;
    owner[name] = function (this: unknown, ...args: unknown[]) {
      refuseIfCancelled();
      return (original as AnyFunction).apply(this, args);
    };
  }
}

let installed = false;

/** Patches the schedulers, fs and process/thread creation of this process so cancellation reaches them. */
export function installCellScopes(): void {
  if (installed) return;
  installed = true;
  v8.promiseHooks.createHook({
    init(promise, parent) {
      const scope = active ?? PromiseScope.get(parent as Promise<unknown> | undefined);
      if (scope) PromiseScope.set(promise, scope);
    },
    before(promise) {
      saved.push(active);
      active = PromiseScope.get(promise);
    },
    after() {
      active = saved.pop();
    },
  });
  const globals = globalThis as unknown as Record<string, unknown>;
  guardScheduler(globals, 'setTimeout', (h) => clearTimeout(h as NodeJS.Timeout));
  guardScheduler(globals, 'setInterval', (h) => clearInterval(h as NodeJS.Timeout));
  guardScheduler(globals, 'setImmediate');
  guardScheduler(globals, 'queueMicrotask');
  guardScheduler(process as unknown as Record<string, unknown>, 'nextTick');
  guardCalls(fs as unknown as Record<string, unknown>, WRITING_FS);
  guardCalls(fs.promises as unknown as Record<string, unknown>, WRITING_FS_PROMISES);

  const OriginalWorker = workerThreads.Worker;
  class ScopedWorker extends OriginalWorker {
    constructor(...args: ConstructorParameters<typeof OriginalWorker>) {
      refuseIfCancelled();
      super(...args);
      const scope = active;
      if (scope) {
        const stop = () => void this.terminate();
        scope.cleanups.add(stop);
        this.once('exit', () => scope.cleanups.delete(stop));
      }
    }
  }
  (workerThreads as { Worker: typeof OriginalWorker }).Worker = ScopedWorker;

  // Every async child process (spawn, exec, execFile, fork) starts through ChildProcess.prototype.spawn.
  const prototype = childProcess.ChildProcess.prototype as unknown as { spawn: AnyFunction };
  const spawn = prototype.spawn;
  prototype.spawn = function (this: childProcess.ChildProcess, ...args: unknown[]) {
    refuseIfCancelled();
    const result = spawn.apply(this, args);
    const scope = active;
    if (scope) {
      const stop = () => void this.kill('SIGKILL');
      scope.cleanups.add(stop);
      this.once('exit', () => scope.cleanups.delete(stop));
    }
    return result;
  };
  (Module as unknown as { syncBuiltinESMExports(): void }).syncBuiltinESMExports();

  // What the core holds for a cell (a run folder's lock, a feature-cache entry's) is released when the
  // cell is interrupted, since the cell's own `finally` never runs then: @emotrans/core's
  // runtime/scoped-cleanup.ts registers releases through this global symbol (looked up without loading
  // the core, which is slow to load).
  (globals as Record<symbol, unknown>)[Symbol.for('emotrans.scopedCleanup')] = (cleanup: () => void) => {
    const scope = active;
    if (!scope) return undefined;
    scope.cleanups.add(cleanup);
    return () => void scope.cleanups.delete(cleanup);
  };
}
