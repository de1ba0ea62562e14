import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LanguageMethod, LanguageService } from './language-service';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/** The kernel's side of the language worker: the LanguageService's methods, asynchronous. */
export class LanguageClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly cwd: string) {}

  /** Starts the worker (TypeScript loads there); calls start it too. */
  start(): void {
    if (this.worker) return;
    const worker = new Worker(path.join(__dirname, 'language-worker.js'), { workerData: { cwd: this.cwd } });
    worker.on('message', (reply: { id: number; result?: unknown; error?: string }) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply.result);
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const [, pending] of this.pending) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the language worker exited (code ${code})`)));
    this.worker = worker;
  }

  private call<M extends LanguageMethod>(method: M, ...args: Parameters<LanguageService[M]>): Promise<ReturnType<LanguageService[M]>> {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker!.postMessage({ id, method, args });
    });
  }

  warmUp = () => this.call('warmUp');
  prepare = (code: string, runId: number) => this.call('prepare', code, runId);
  commit = (code: string, runId: number) => this.call('commit', code, runId);
  reset = () => this.call('reset');
  completions = (code: string, position: number) => this.call('completions', code, position);
  quickInfo = (code: string, position: number) => this.call('quickInfo', code, position);
  isComplete = (code: string) => this.call('isComplete', code);
  compileExpressions = (expressions: Record<string, string>) => this.call('compileExpressions', expressions);

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
