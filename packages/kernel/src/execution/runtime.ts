import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
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

/** How long an interrupted cell may take to stop before the runtime is replaced. */
const INTERRUPT_GRACE_MS = 2000;

interface Pending {
  sink: OutputSink;
  resolve(outcome: CellOutcome): void;
}

/**
 * The kernel's handle on its runtime process (runtime-worker.ts): sends cells, routes their output,
 * interrupts them, and replaces the process when it dies or does not stop.
 */
export class Runtime {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly evaluations = new Map<number, (results: Extract<RuntimeEvent, { type: 'evaluated' }>['results']) => void>();
  /** Sink of the last cell, for output of work it left running. */
  private lastSink: OutputSink | undefined;
  private escalation: NodeJS.Timeout | undefined;

  /** `onReset` runs when the runtime was replaced, i.e. every variable was lost. */
  constructor(private readonly cwd: string, private readonly onReset: (reason: string) => void) {}

  start(): Promise<void> {
    if (this.ready) return this.ready;
    const child = fork(path.join(__dirname, 'runtime-worker.js'), [], {
      cwd: this.cwd,
      // Own process group: a SIGINT sent to the kernel's group reaches the runtime once, through the kernel.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    });
    this.child = child;
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
    const sink = this.pending.get(event.id)?.sink ?? this.lastSink;
    if (event.type === 'done') {
      const pending = this.pending.get(event.id);
      this.pending.delete(event.id);
      if (this.escalation) clearTimeout(this.escalation);
      this.escalation = undefined;
      pending?.resolve({ result: event.result, error: event.error });
      return;
    }
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
      pending.resolve({ error: { ename: 'Interrupted', evalue, traceback: [`\u001b[31mInterrupted: ${evalue}\u001b[0m`] } });
    }
    this.pending.clear();
    for (const [, resolve] of this.evaluations) resolve({});
    this.evaluations.clear();
  }

  async run(cell: number, label: string, runnable: RunnableCell, tsSource: string, sink: OutputSink): Promise<CellOutcome> {
    await this.start();
    const id = this.nextId++;
    this.lastSink = sink;
    return new Promise<CellOutcome>((resolve) => {
      this.pending.set(id, { sink, resolve });
      this.post({ type: 'run', id, cell, label, js: runnable.js, sourceMap: runnable.sourceMap, prefixLength: runnable.prefixLength, tsSource, hasResult: runnable.hasResult });
    });
  }

  async evaluate(expressions: Record<string, string>): Promise<Extract<RuntimeEvent, { type: 'evaluated' }>['results']> {
    if (Object.keys(expressions).length === 0) return {};
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.evaluations.set(id, resolve);
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
    if (!child || this.pending.size === 0 || child.pid === undefined) return;
    child.kill('SIGINT');
    if (this.escalation) return;
    this.escalation = setTimeout(() => {
      this.escalation = undefined;
      if (this.child !== child || this.pending.size === 0) return;
      this.replace('the cell did not stop when interrupted, so the runtime was restarted; its variables are lost');
    }, INTERRUPT_GRACE_MS);
  }

  /** Kills the runtime process and starts a fresh one (restart without restarting the kernel). */
  replace(reason: string): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    child?.kill('SIGKILL');
    this.failPending(reason);
    this.onReset(reason);
    void this.start().catch(() => {});
  }

  stop(): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (this.escalation) clearTimeout(this.escalation);
    child?.kill('SIGKILL');
  }
}
