/**
 * The runtime process: runs the cells of one kernel session in its main realm (so objects made in cells
 * and in libraries share one set of built-ins), keeps their globals between cells, and streams output to
 * the kernel over IPC. An interrupt (runtime-watch.ts) ends the running cell at once and cancels the work it
 * left (cell-scope.ts); the variables stay.
 */
import { createRequire, SourceMap } from 'node:module';
import path from 'node:path';
import { setTimeout as kernelTimeout, clearTimeout as clearKernelTimeout } from 'node:timers';
import util from 'node:util';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { explicitBundle, toMimeBundle } from '../display/mime-bundle';
import { RUNTIME_GLOBAL, type MimeBundle, type RuntimeEvent, type RuntimeRequest } from './protocol';
import { cellFileName, formatTraceback, type CellSource } from './traceback';
import { cancelScope, currentScope, installCellScopes, InterruptedError, newScope, resetScope, runInScope, type CellScope } from './cell-scope';

installCoreRequireHooks();
installCellScopes();

/**
 * core's `.ts` require hook (the one plugins load with), without loading the rest of core (slow to load):
 * cells may import local .ts files, and `@emotrans/core` resolves to the installed core from any folder.
 * Found beside core's entry file, so a package `exports` map cannot hide it.
 */
function installCoreRequireHooks(): void {
  const file = path.join(path.dirname(require.resolve('@emotrans/core')), 'plugins', 'typescript-require.js');
  (require(file) as typeof import('@emotrans/core/dist/plugins/typescript-require')).installPluginRequireHooks();
}

const post = (event: RuntimeEvent) => process.send?.(event);

/**
 * Output is batched (a loop printing a million lines must not make a million messages): a batch goes out
 * when it grows past 8 kB, 20 ms after it started, or before any other event, so order is kept. The first
 * write after 20 ms without output goes out at once.
 */
let batch: { id: number; name: 'stdout' | 'stderr'; text: string } | undefined;
let batchTimer: NodeJS.Timeout | undefined;

// The runtime's own timers are not a cell's: they use the unguarded ones from node:timers.
function flushOutput(): void {
  if (batchTimer) clearKernelTimeout(batchTimer);
  batchTimer = undefined;
  if (batch) post({ type: 'stream', ...batch });
  batch = undefined;
}

/** When output last went out: a write after a quiet spell goes at once (a cell may block right after it). */
let lastOutputAt = 0;

function queueOutput(id: number, name: 'stdout' | 'stderr', text: string): void {
  const now = Date.now();
  if (!batch && now - lastOutputAt > 20) {
    lastOutputAt = now;
    post({ type: 'stream', id, name, text });
    return;
  }
  lastOutputAt = now;
  if (batch && (batch.id !== id || batch.name !== name)) flushOutput();
  batch ??= { id, name, text: '' };
  batch.text += text;
  if (batch.text.length > 8192) flushOutput();
  else batchTimer ??= kernelTimeout(flushOutput, 20);
}

const send = (event: RuntimeEvent) => {
  flushOutput();
  post(event);
};

/** Resolves packages from the notebook's folder first, then from the kernel's own installation. */
function makeRequire(): NodeRequire {
  const fromNotebook = createRequire(path.join(process.cwd(), '__notebook__.js'));
  const fromKernel = createRequire(__filename);
  const require = ((id: string) => {
    try {
      return fromNotebook(id);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || id.startsWith('.')) throw error;
      return fromKernel(id);
    }
  }) as NodeRequire;
  require.resolve = ((id: string, options?: { paths?: string[] }) => {
    try {
      return fromNotebook.resolve(id, options);
    } catch {
      return fromKernel.resolve(id, options);
    }
  }) as NodeRequire['resolve'];
  require.cache = fromNotebook.cache;
  require.main = fromNotebook.main;
  require.extensions = fromNotebook.extensions;
  return require;
}

const userRequire = makeRequire();
const cells = new Map<number, CellSource>();
/** The cell running now (its id), so output and displays go to the right request. */
let current: { id: number; scope: CellScope; finished: boolean } | undefined;
/** The last cell that ran: output of code that belongs to no known cell goes there. */
let lastScope: CellScope | undefined;

/** Node's own loader for `import()` in vm scripts (Node >= 20.12; the typings may not know it yet). */
const DYNAMIC_IMPORT = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

// Node's warnings reach the cell's stderr, except the one about the (experimental) loader used for import().
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'ExperimentalWarning' && /USE_MAIN_CONTEXT_DEFAULT_LOADER/.test(warning.message)) return;
  process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

// Output of cells (console, process.stdout.write) goes to the kernel as stream messages.
for (const name of ['stdout', 'stderr'] as const) {
  const stream = process[name];
  stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error) => void), callback?: (e?: Error) => void) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    // Output goes to the cell whose code wrote it, even from a timer it left behind; an interrupted
    // cell's is dropped, so it never shows under a later cell.
    const scope = currentScope();
    const owner = scope ?? current?.scope ?? lastScope;
    if (owner && !owner.cancelled) queueOutput(owner.id, name, text);
    const done = typeof encoding === 'function' ? encoding : callback;
    done?.();
    return true;
  }) as typeof stream.write;
}

interface DisplayOptions {
  /** Show under this id, so `display.update` can replace it later. */
  id?: string;
  metadata?: Record<string, unknown>;
}

function publish(data: MimeBundle, options: DisplayOptions = {}, update = false): void {
  const scope = currentScope();
  if (scope?.cancelled) throw new InterruptedError('the cell was interrupted');
  const id = scope?.id ?? current?.id;
  if (id === undefined) throw new Error('display() outside of a running cell');
  send({ type: 'display', id, data, metadata: options.metadata ?? {}, displayId: options.id, update });
}

/** `display(value)` and friends, the notebook's way to show rich output. */
function makeDisplay() {
  const display = (value: unknown, options?: DisplayOptions) => publish(toMimeBundle(value, userRequire), options);
  return Object.assign(display, {
    html: (html: string, options?: DisplayOptions) => publish(explicitBundle('text/html', html), options),
    markdown: (text: string, options?: DisplayOptions) => publish(explicitBundle('text/markdown', text), options),
    text: (text: string, options?: DisplayOptions) => publish(explicitBundle('text/plain', text), options),
    svg: (svg: string | Uint8Array, options?: DisplayOptions) => publish(explicitBundle('image/svg+xml', svg), options),
    png: (png: Uint8Array | string, options?: DisplayOptions) => publish(explicitBundle('image/png', png), options),
    json: (value: unknown, options?: DisplayOptions) => publish(explicitBundle('application/json', value), options),
    mime: (bundle: MimeBundle, options?: DisplayOptions) => publish(bundle, options),
    update: (id: string, value: unknown) => publish(toMimeBundle(value, userRequire), { id }, true),
  });
}

const runtimeHelpers = {
  require: userRequire,
  importDefault: (mod: unknown) => (mod && (mod as { __esModule?: boolean }).__esModule ? (mod as { default: unknown }).default : mod),
  importStar: (mod: unknown) => {
    if (mod && (mod as { __esModule?: boolean }).__esModule) return mod;
    if (typeof mod !== 'object' && typeof mod !== 'function') return { default: mod };
    return new Proxy(mod as object, { get: (target, key) => (key === 'default' ? target : Reflect.get(target, key)) });
  },
};

const inputs = new Map<number, { resolve(value: string): void; reject(error: Error): void }>();
let nextInput = 1;

/** `await input('Name? ')`: a line from the front end (Jupyter's stdin channel). */
function input(prompt = '', options: { password?: boolean } = {}): Promise<string> {
  const id = currentScope()?.id ?? current?.id;
  if (id === undefined) return Promise.reject(new Error('input() outside of a running cell'));
  const request = nextInput++;
  send({ type: 'input', id, request, prompt: String(prompt), password: Boolean(options.password) });
  return new Promise((resolve, reject) => inputs.set(request, { resolve, reject }));
}

Object.assign(globalThis, {
  [RUNTIME_GLOBAL]: runtimeHelpers,
  input,
  display: makeDisplay(),
  clearOutput: (wait = false) => {
    const id = currentScope()?.id ?? current?.id;
    if (id !== undefined) send({ type: 'clear', id, wait });
  },
  require: userRequire,
});

/** Ends the running cell as interrupted and cancels what it left running (timers, workers, writes). */
function interruptRunning(): void {
  const cell = current;
  if (!cell) return;
  current = undefined;
  cell.finished = true;
  cancelScope(cell.scope);
  for (const [, pending] of inputs) pending.reject(new InterruptedError('the cell was interrupted'));
  inputs.clear();
  send({ type: 'done', id: cell.id, error: formatTraceback(new InterruptedError('the cell was interrupted'), cells) });
}

// Interrupts come through the watch thread (it can act while this thread is stuck); a SIGINT sent to the
// runtime directly does the same.
const interruptsHandled = new Int32Array(new SharedArrayBuffer(4));
let lastInterrupt = 0;
if (process.env.EMOTRANS_RUNTIME_CONTROL === '1') {
  const watch = new Worker(path.join(__dirname, 'runtime-watch.js'), { workerData: { handled: interruptsHandled.buffer } });
  watch.unref();
  watch.on('message', (message: { type: 'interrupt'; request: number }) => {
    resetScope();
    if (message.request <= lastInterrupt) return;
    lastInterrupt = message.request;
    interruptRunning();
    Atomics.store(interruptsHandled, 0, message.request);
    Atomics.notify(interruptsHandled, 0);
  });
}
process.on('SIGINT', interruptRunning);

async function run(request: Extract<RuntimeRequest, { type: 'run' }>): Promise<void> {
  const cell = { id: request.id, scope: newScope(request.id), finished: false };
  current = cell;
  lastScope = cell.scope;
  cells.set(request.cell, {
    label: request.label,
    map: request.sourceMap ? new SourceMap(JSON.parse(request.sourceMap)) : undefined,
    prefixLength: request.prefixLength,
    lines: request.tsSource.split('\n'),
    scriptLines: request.js.split('\n').length,
  });
  const finish = (outcome: { result?: { data: MimeBundle; metadata: Record<string, unknown> }; error?: ReturnType<typeof formatTraceback> }) => {
    if (cell.finished) return; // interrupted: already answered
    cell.finished = true;
    if (current === cell) current = undefined;
    send({ type: 'done', id: request.id, ...outcome });
  };
  try {
    const options: vm.RunningCodeOptions = {
      filename: cellFileName(request.cell),
      // `await import('x')` in a cell loads like it would in a module of this process.
      importModuleDynamically: DYNAMIC_IMPORT as unknown as vm.RunningCodeOptions['importModuleDynamically'],
    };
    const value = await runInScope(cell.scope, () => vm.runInThisContext(request.js, options) as Promise<unknown>);
    if (cell.finished) return;
    const result = request.hasResult && value !== undefined ? { data: toMimeBundle(value, userRequire), metadata: {} } : undefined;
    finish({ result });
  } catch (error) {
    finish({ error: formatTraceback(error, cells) });
  }
}

/** How long one user expression may run (a synchronous endless loop must not wedge the kernel). */
const EXPRESSION_TIMEOUT_MS = 1000;

/** user_expressions of an execute request (compiled to JavaScript by the kernel): each in the global scope. */
function evaluate(request: Extract<RuntimeRequest, { type: 'evaluate' }>): void {
  const results: Extract<RuntimeEvent, { type: 'evaluated' }>['results'] = {};
  for (const [name, expression] of Object.entries(request.expressions)) {
    if (typeof expression !== 'string') {
      results[name] = { status: 'error', ...expression };
      continue;
    }
    try {
      const value = vm.runInThisContext(expression, { filename: 'user_expression', timeout: EXPRESSION_TIMEOUT_MS });
      results[name] = { status: 'ok', data: { 'text/plain': util.inspect(value) }, metadata: {} };
    } catch (error) {
      results[name] = { status: 'error', ...formatTraceback(error, cells) };
    }
  }
  send({ type: 'evaluated', id: request.id, results });
}

process.on('message', (request: RuntimeRequest) => {
  resetScope();
  if (request.type === 'run') void run(request);
  else if (request.type === 'evaluate') evaluate(request);
  else if (request.type === 'input-reply') {
    const pending = inputs.get(request.request);
    inputs.delete(request.request);
    if (request.error !== undefined) pending?.reject(new Error(request.error));
    else pending?.resolve(request.value ?? '');
  }
});
// The kernel went away: so does its runtime.
process.on('disconnect', () => process.exit(0));
// Errors of code a cell left running (timers, unawaited promises) are reported, not fatal; those of work
// an interrupt cancelled are expected.
process.on('unhandledRejection', (reason) => {
  if (!(reason instanceof InterruptedError)) process.stderr.write(`Unhandled promise rejection: ${util.inspect(reason)}\n`);
});
process.on('uncaughtException', (error) => {
  if (!(error instanceof InterruptedError)) process.stderr.write(`Uncaught exception: ${util.inspect(error)}\n`);
});
send({ type: 'ready' });
