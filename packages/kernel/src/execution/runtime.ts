import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { CellError, MimeBundle, RuntimeEvent, RuntimeRequest } from './protocol';
import type { RunnableCell } from './transform-cell';

/** Where the output of a running cell goes. */
export interface OutputSink {
  stream(name: 'stdout' | 'stderr', text: string): void;
  display(data: MimeBundle, metadata: Record<string, unknown>, displayId: string | undefined, update: boolean): void;
  clear(wait: boolean): void;
  /** Asks the front end for a line of input (rejects where the request did not allow stdin). */
  input(prompt: string, password: boolean): Promise<string>;
}

export interface CellOutcome {
  result?: { data: MimeBundle; metadata: Record<string, unknown> };
  error?: CellError;
}

export type EvaluatedExpressions = Extract<RuntimeEvent, { type: 'evaluated' }>['results'];

/** How long an interrupted cell may take to stop before the runtime is replaced. */
const INTERRUPT_GRACE_MS = 3000;
/** How long user_expressions may take in all (each is also limited in the runtime). */
const EVALUATION_TIMEOUT_MS = 5000;
/** Finished cells whose late output (timers they left) still reaches their own output area. */
const KEPT_SINKS = 100;

/** The error of a cell that ended because the runtime process was replaced or died: every variable is lost. */
export const RUNTIME_REPLACED = 'RuntimeRestarted';

interface Pending {
  sink: OutputSink;
  resolve(outcome: CellOutcome): void;
}

/** Kills a runtime and every process it started (its own process group). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * The kernel's handle on its runtime process (runtime-worker.ts): sends cells, routes their output,
 * interrupts them, and replaces the process when it dies or does not stop. Besides IPC, the runtime has a
 * control pipe from the kernel: interrupts go through it, and its end of file tells the runtime that the
 * kernel is gone however it went (a SIGKILL included), so a runtime never outlives its kernel.
 */
export class Runtime {
  private child: ChildProcess | undefined;
  private control: Writable | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly sinks = new Map<number, OutputSink>();
  private readonly evaluations = new Map<number, (results: EvaluatedExpressions) => void>();
  private escalation: NodeJS.Timeout | undefined;

  /** `onReset` runs when the runtime was replaced, i.e. every variable was lost. */
  constructor(
    private readonly cwd: string,
    private readonly onReset: (reason: string) => void,
    /** Name of the kernelspec (figures load plotly.js from its folder). */
    private readonly kernelName = 'emotrans',
  ) {}

  start(): Promise<void> {
    if (this.ready) return this.ready;
    const child = fork(path.join(__dirname, 'runtime-worker.js'), [], {
      cwd: this.cwd,
      // Own process group: a SIGINT sent to the kernel's group does not reach it, and the kernel can kill
      // the runtime together with everything it started.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'],
      env: { ...process.env, EMOTRANS_RUNTIME_CONTROL: '1', EMOTRANS_KERNEL_NAME: this.kernelName },
      execArgv: [],
    });
    this.child = child;
    this.control = child.stdio[4] as Writable;
    this.control.on('error', () => {}); // the runtime died: its exit is handled below
    this.ready = new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.on('message', (event: RuntimeEvent) => {
        if (event.type === 'ready') resolve();
        else this.dispatch(event);
      });
      child.once('exit', (code, signal) => {
        if (this.child !== child) return;
        this.child = undefined;
        this.ready = undefined;
        reject(new Error(`runtime exited (${signal ?? code}) before it was ready`));
        this.failPending(`the runtime process exited (${signal ?? `code ${code}`}); its variables are lost`);
        this.onReset('runtime exited');
      });
    });
    return this.ready;
  }

  private dispatch(event: RuntimeEvent): void {
    if (event.type === 'evaluated') {
      this.evaluations.get(event.id)?.(event.results);
      this.evaluations.delete(event.id);
      return;
    }
    if (event.type === 'ready') return;
    if (event.type === 'done') {
      const pending = this.pending.get(event.id);
      this.pending.delete(event.id);
      if (this.escalation) clearTimeout(this.escalation);
      this.escalation = undefined;
      pending?.resolve({ result: event.result, error: event.error });
      return;
    }
    // Output of a cell goes to that cell's request, also after it finished: never under a later cell.
    const sink = this.sinks.get(event.id);
    if (!sink) return;
    if (event.type === 'stream') sink.stream(event.name, event.text);
    else if (event.type === 'display') sink.display(event.data, event.metadata, event.displayId, event.update ?? false);
    else if (event.type === 'clear') sink.clear(event.wait);
    else if (event.type === 'input') {
      sink.input(event.prompt, event.password).then(
        (value) => this.post({ type: 'input-reply', request: event.request, value }),
        (error: Error) => this.post({ type: 'input-reply', request: event.request, error: error.message }),
      );
    }
  }

  private failPending(evalue: string): void {
    for (const [, pending] of this.pending) {
      pending.resolve({ error: { ename: RUNTIME_REPLACED, evalue, traceback: [`\u001b[31m${RUNTIME_REPLACED}: ${evalue}\u001b[0m`] } });
    }
    this.pending.clear();
    this.sinks.clear();
    for (const [, resolve] of this.evaluations) resolve({});
    this.evaluations.clear();
  }

  async run(cell: number, label: string, runnable: RunnableCell, tsSource: string, sink: OutputSink): Promise<CellOutcome> {
    await this.start();
    const id = this.nextId++;
    this.sinks.set(id, sink);
    if (this.sinks.size > KEPT_SINKS) this.sinks.delete(this.sinks.keys().next().value as number);
    return new Promise<CellOutcome>((resolve) => {
      this.pending.set(id, { sink, resolve });
      this.post({ type: 'run', id, cell, label, js: runnable.js, sourceMap: runnable.sourceMap, prefixLength: runnable.prefixLength, tsSource, hasResult: runnable.hasResult });
    });
  }

  /** Evaluates user_expressions; never waits longer than EVALUATION_TIMEOUT_MS. */
  async evaluate(expressions: Record<string, string | CellError>): Promise<EvaluatedExpressions> {
    const names = Object.keys(expressions);
    if (names.length === 0) return {};
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.evaluations.delete(id);
        const evalue = `user expressions did not finish within ${EVALUATION_TIMEOUT_MS / 1000} s`;
        resolve(Object.fromEntries(names.map((name) => [name, { status: 'error' as const, ename: 'TimeoutError', evalue, traceback: [evalue] }])));
      }, EVALUATION_TIMEOUT_MS);
      this.evaluations.set(id, (results) => {
        clearTimeout(timer);
        resolve(results);
      });
      this.post({ type: 'evaluate', id, expressions });
    });
  }

  private post(request: RuntimeRequest): void {
    this.child?.send(request);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Interrupts the running cell; if it does not stop in time, the runtime is replaced. */
  interrupt(): void {
    const child = this.child;
    if (!child || this.pending.size === 0 || !this.control) return;
    this.control.write('i');
    if (this.escalation) return;
    this.escalation = setTimeout(() => {
      this.escalation = undefined;
      if (this.child !== child || this.pending.size === 0) return;
      this.replace('the cell did not stop when interrupted (it is blocked outside JavaScript), so the runtime was restarted; its variables are lost');
    }, INTERRUPT_GRACE_MS);
  }

  /** Kills the runtime process and starts a fresh one (restart without restarting the kernel). */
  replace(reason: string): void {
    this.kill();
    this.failPending(reason);
    this.onReset(reason);
    void this.start().catch(() => {});
  }

  private kill(): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    this.control?.destroy();
    this.control = undefined;
    if (child) killGroup(child);
  }

  stop(): void {
    if (this.escalation) clearTimeout(this.escalation);
    this.kill();
  }
}
