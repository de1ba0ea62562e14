import crypto from 'node:crypto';
import { Channels } from '../wire/channels';
import type { ConnectionInfo } from '../wire/connection-info';
import { decodeMessage, encodeMessage, newHeader, PROTOCOL_VERSION, RejectedMessage, type JsonObject, type JupyterMessage } from '../wire/message';
import { ReplayGuard } from '../wire/replay-guard';
import { Signer } from '../wire/signer';
import { codePointToUtf16, utf16ToCodePoint } from '../language/code-points';
import { LanguageClient } from '../language/language-client';
import { Runtime, type CellOutcome, type OutputSink } from '../execution/runtime';
import { diagnosticsError } from './format-diagnostics';
import { History } from './history';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const VERSION: string = require('../../package.json').version;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const TYPESCRIPT_VERSION: string = require('typescript/package.json').version;

/** The first kernel_info_reply waits for the type checker to be warm, at most this long. */
const WARM_UP_WAIT_MS = 8000;

type Reply = (type: string, content: JsonObject, metadata?: JsonObject) => void;

export interface KernelOptions {
  /** Folder the notebook lives in: cells resolve packages and files from here. */
  readonly cwd: string;
  /** Where the kernel logs (rejected messages, internal failures). */
  readonly log?: (message: string) => void;
}

/**
 * A Jupyter kernel for TypeScript (messaging protocol 5.3): shell requests run one at a time, control
 * requests (interrupt, shutdown) at once; cells are type-checked and compiled in a worker thread
 * (LanguageClient) and run in the runtime process (Runtime), so this thread only routes messages.
 */
export class Kernel {
  private readonly signer: Signer;
  /** Signatures of messages already handled, on every channel: a replayed request is refused. */
  private readonly replays = new ReplayGuard();
  private readonly channels: Channels;
  private readonly session = crypto.randomUUID();
  /** TypeScript (checking, compiling, completion) runs in a worker thread, started after start-up. */
  private readonly language: LanguageClient;
  /** Resolves once the type checker has loaded the standard library (started with the kernel). */
  private warm: Promise<void> | undefined;
  private readonly runtime: Runtime;
  private readonly history = new History();
  private readonly log: (message: string) => void;
  private executionCount = 0;
  private runCount = 0;
  private readonly shellQueue: { message: JupyterMessage; reply: Reply }[] = [];
  private draining = false;
  private readonly aborted = new Set<string>();
  private stopping = false;
  /** A cell is being type-checked; an interrupt now means it must not run. */
  private checking = false;
  private interruptedWhileChecking = false;
  private readonly inputWaiters: { resolve(value: string): void; reject(error: Error): void }[] = [];

  constructor(info: ConnectionInfo, private readonly options: KernelOptions) {
    this.signer = new Signer(info.key, info.signature_scheme);
    this.channels = new Channels(info);
    this.log = options.log ?? ((m) => process.stderr.write(`[emotrans kernel] ${m}\n`));
    this.language = new LanguageClient(options.cwd);
    this.runtime = new Runtime(options.cwd, (reason) => {
      void this.language.reset().catch((e) => this.log(`language reset failed: ${(e as Error).message}`));
      this.log(`runtime reset: ${reason}`);
    }, info.kernel_name || 'emotrans');
  }

  async start(): Promise<void> {
    await this.channels.bind();
    this.runtime.start().catch((e) => this.log(`runtime failed to start: ${(e as Error).message}`));
    void this.listen(this.channels.shell, 'shell');
    void this.listen(this.channels.control, 'control');
    void this.listenStdin();
    this.publish('status', { execution_state: 'starting' }, {});
    this.warmUp();
  }

  /**
   * Prepares the type checker (lib and @types/node) while the kernel starts, in its worker thread, so the
   * first cell does not pay for it: the first kernel_info_reply (a client's "ready") waits for it.
   */
  warmUp(): void {
    this.warm ??= this.language.warmUp().catch((error) => this.log(`type checker warm-up failed: ${(error as Error).message}`));
  }

  private whenWarm(): Promise<unknown> {
    return Promise.race([this.warm, new Promise((resolve) => setTimeout(resolve, WARM_UP_WAIT_MS).unref())]);
  }

  /** A received message that is authentic and new, or undefined (logged) when it must be refused. */
  private receive(frames: Buffer[], channel: string): JupyterMessage | undefined {
    try {
      const message = decodeMessage(frames, this.signer);
      if (!this.replays.admit(message.signature)) throw new RejectedMessage('replayed signature (the message was received before)');
      return message;
    } catch (error) {
      // Never run what we cannot authenticate.
      this.log(`rejected a ${channel} message: ${error instanceof RejectedMessage ? error.message : (error as Error).message}`);
      return undefined;
    }
  }

  private async listen(socket: Channels['shell'], channel: 'shell' | 'control'): Promise<void> {
    const out = channel === 'shell' ? this.channels.shellOut : this.channels.controlOut;
    try {
      for await (const frames of socket) {
        const message = this.receive(frames as Buffer[], channel);
        if (!message) continue;
        const reply: Reply = (type, content, metadata = {}) => {
          void out.send(
            encodeMessage({ identities: message.identities, header: newHeader(type, this.session), parent_header: message.header, metadata, content }, this.signer),
          );
        };
        if (channel === 'control') void this.handleControl(message, reply);
        else this.enqueue(message, reply);
      }
    } catch (error) {
      if (!this.stopping) this.log(`${channel} socket failed: ${(error as Error).message}`);
    }
  }

  publish(type: string, content: unknown, parent: JupyterMessage['parent_header']): void {
    const frames = encodeMessage(
      { identities: [Buffer.from(`kernel.${this.session}.${type}`)], header: newHeader(type, this.session), parent_header: parent, content },
      this.signer,
    );
    void this.channels.iopubOut.send(frames);
  }

  private enqueue(message: JupyterMessage, reply: Reply): void {
    this.shellQueue.push({ message, reply });
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.shellQueue.length > 0) {
      const { message, reply } = this.shellQueue.shift()!;
      this.publish('status', { execution_state: 'busy' }, message.header);
      try {
        await this.handleShell(message, reply);
      } catch (error) {
        this.log(`failed on ${message.header.msg_type}: ${(error as Error).stack}`);
      }
      this.publish('status', { execution_state: 'idle' }, message.header);
    }
    this.draining = false;
  }

  private async handleControl(message: JupyterMessage, reply: Reply): Promise<void> {
    const type = message.header.msg_type;
    this.publish('status', { execution_state: 'busy' }, message.header);
    if (type === 'interrupt_request') {
      this.interrupt();
      reply('interrupt_reply', { status: 'ok' });
    } else if (type === 'shutdown_request') {
      const restart = Boolean(message.content.restart);
      reply('shutdown_reply', { status: 'ok', restart });
      this.publish('status', { execution_state: 'idle' }, message.header);
      await this.shutdown();
      return;
    } else if (type === 'kernel_info_request') {
      reply('kernel_info_reply', this.kernelInfo());
    } else {
      this.log(`unsupported control request ${type}`);
      reply(type.replace(/_request$/, '_reply'), { status: 'error', ename: 'NotImplemented', evalue: `${type} is not supported`, traceback: [] });
    }
    this.publish('status', { execution_state: 'idle' }, message.header);
  }

  private async handleShell(message: JupyterMessage, reply: Reply): Promise<void> {
    const content = message.content;
    switch (message.header.msg_type) {
      case 'kernel_info_request':
        await this.whenWarm();
        return reply('kernel_info_reply', this.kernelInfo());
      case 'execute_request':
        return this.execute(message, reply);
      case 'complete_request':
        return reply('complete_reply', await this.complete(String(content.code ?? ''), Number(content.cursor_pos ?? 0)));
      case 'inspect_request':
        return reply('inspect_reply', await this.inspect(String(content.code ?? ''), Number(content.cursor_pos ?? 0)));
      case 'is_complete_request':
        return reply('is_complete_reply', await this.language.isComplete(String(content.code ?? '')));
      case 'history_request':
        return reply('history_reply', { status: 'ok', history: this.history.query(content) });
      case 'comm_info_request':
        return reply('comm_info_reply', { status: 'ok', comms: {} });
      case 'shutdown_request':
        reply('shutdown_reply', { status: 'ok', restart: Boolean(content.restart) });
        return this.shutdown();
      case 'comm_open':
        // No comm targets: the spec asks the kernel to close a comm it cannot open.
        this.publish('comm_close', { comm_id: String(content.comm_id ?? ''), data: {} }, message.header);
        return;
      case 'comm_msg':
      case 'comm_close':
        return;
      default:
        this.log(`unsupported shell request ${message.header.msg_type}`);
    }
  }

  kernelInfo(): JsonObject {
    return {
      status: 'ok',
      protocol_version: PROTOCOL_VERSION,
      implementation: 'emotrans',
      implementation_version: VERSION,
      language_info: {
        name: 'typescript',
        version: TYPESCRIPT_VERSION,
        mimetype: 'text/typescript',
        file_extension: '.ts',
        pygments_lexer: 'typescript',
        codemirror_mode: { name: 'javascript', typescript: true },
      },
      banner: `emotrans — TypeScript ${TYPESCRIPT_VERSION} on Node ${process.version}`,
      help_links: [
        { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/' },
        { text: 'Node.js API', url: 'https://nodejs.org/docs/latest-v20.x/api/' },
      ],
      debugger: false,
    };
  }

  private async execute(message: JupyterMessage, reply: Reply): Promise<void> {
    const content = message.content;
    const code = String(content.code ?? '');
    const silent = Boolean(content.silent);
    const storeHistory = content.store_history === undefined ? !silent : Boolean(content.store_history);
    const stopOnError = content.stop_on_error === undefined ? true : Boolean(content.stop_on_error);
    if (this.aborted.delete(message.header.msg_id)) {
      return reply('execute_reply', { status: 'aborted', execution_count: this.executionCount }, { status: 'aborted' });
    }
    if (!silent && storeHistory) this.executionCount++;
    const count = this.executionCount;
    const parent = message.header;
    if (!silent) this.publish('execute_input', { code, execution_count: count }, parent);

    const outcome = code.trim() === '' ? {} : await this.runCell(code, count, silent, message);
    let resultText: string | null = null;
    if (outcome.result && !silent) {
      this.publish('execute_result', { execution_count: count, data: outcome.result.data, metadata: outcome.result.metadata }, parent);
      resultText = String(outcome.result.data['text/plain'] ?? '');
    }
    if (storeHistory) this.history.add(count, code, resultText);
    if (outcome.error) {
      this.publish('error', outcome.error, parent);
      if (stopOnError) await this.abortQueuedExecutions();
      return reply('execute_reply', { status: 'error', execution_count: count, ...outcome.error }, { status: 'error' });
    }
    const evaluated = await this.evaluateUserExpressions(content.user_expressions);
    reply('execute_reply', { status: 'ok', execution_count: count, payload: [], user_expressions: evaluated }, { status: 'ok' });
  }

  /** user_expressions (TypeScript) after a cell: compiled by the language worker, evaluated with a time limit. */
  private async evaluateUserExpressions(raw: unknown): Promise<JsonObject> {
    if (typeof raw !== 'object' || raw === null || Object.keys(raw).length === 0) return {};
    const expressions = Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([name, e]) => [name, String(e)]));
    try {
      return await this.runtime.evaluate(await this.language.compileExpressions(expressions));
    } catch (error) {
      const evalue = `user expressions failed: ${(error as Error).message}`;
      return Object.fromEntries(Object.keys(expressions).map((name) => [name, { status: 'error', ename: 'KernelError', evalue, traceback: [evalue] }]));
    }
  }

  /** Type-checks a cell, then runs it; declarations of a cell that ran (even into an error) stay visible. */
  private async runCell(code: string, count: number, silent: boolean, request: JupyterMessage): Promise<CellOutcome> {
    const parent = request.header;
    const label = `Cell [${count}]`;
    const runId = ++this.runCount;
    this.checking = true;
    this.interruptedWhileChecking = false;
    let prepared;
    try {
      prepared = await this.language.prepare(code, runId);
    } catch (error) {
      this.log(`type checker failed: ${(error as Error).message}`);
      return { error: { ename: 'KernelError', evalue: 'the TypeScript checker failed on this cell (see the kernel log)', traceback: [String((error as Error).message)] } };
    } finally {
      this.checking = false;
    }
    if (this.interruptedWhileChecking) return { error: { ename: 'Interrupted', evalue: 'the cell was interrupted before it ran', traceback: ['\u001b[31mInterrupted: the cell was interrupted before it ran\u001b[0m'] } };
    if (!prepared.runnable) return { error: diagnosticsError(prepared.errors, code, label) };
    const runnable = prepared.runnable;
    // Declarations count from the moment the cell runs (even if it then fails). Not awaited: the worker
    // handles messages in order, and does this work while the runtime runs the cell.
    this.language.commit(code, runId).catch((error) => this.log(`could not record the declarations of ${label}: ${(error as Error).message}`));
    const sink: OutputSink = {
      stream: (name, text) => this.publish('stream', { name, text }, parent),
      display: (data, metadata, displayId, update) => {
        if (silent && !displayId) return;
        const transient = displayId ? { display_id: displayId } : {};
        this.publish(update ? 'update_display_data' : 'display_data', { data, metadata, transient }, parent);
      },
      clear: (wait) => this.publish('clear_output', { wait }, parent),
      input: (prompt, password) => this.requestInput(request, prompt, password),
    };
    try {
      return await this.runtime.run(runId, label, runnable, code, sink);
    } catch (error) {
      const evalue = `the runtime process failed: ${(error as Error).message}`;
      return { error: { ename: 'KernelError', evalue, traceback: [`\u001b[31mKernelError: ${evalue}\u001b[0m`] } };
    }
  }

  /** input_request on the stdin channel to the client that sent the execute request (same identity). */
  private requestInput(request: JupyterMessage, prompt: string, password: boolean): Promise<string> {
    if (!request.content.allow_stdin) return Promise.reject(new Error('input() is not supported by this front end (the request does not allow stdin)'));
    const frames = encodeMessage(
      { identities: request.identities, header: newHeader('input_request', this.session), parent_header: request.header, content: { prompt, password } },
      this.signer,
    );
    return new Promise((resolve, reject) => {
      this.inputWaiters.push({ resolve, reject });
      this.channels.stdinOut.send(frames).catch(reject);
    });
  }

  /** Replies on the stdin channel answer the oldest input request. */
  private async listenStdin(): Promise<void> {
    try {
      for await (const frames of this.channels.stdin) {
        const message = this.receive(frames as Buffer[], 'stdin');
        if (!message) continue;
        if (message.header.msg_type !== 'input_reply') continue;
        this.inputWaiters.shift()?.resolve(String(message.content.value ?? ''));
      }
    } catch (error) {
      if (!this.stopping) this.log(`stdin socket failed: ${(error as Error).message}`);
    }
  }

  /** stop_on_error: execute requests already queued behind a failed one are answered 'aborted'. */
  private async abortQueuedExecutions(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (const { message } of this.shellQueue) {
      if (message.header.msg_type === 'execute_request') this.aborted.add(message.header.msg_id);
    }
  }

  private async complete(code: string, cursorPos: number): Promise<JsonObject> {
    const position = codePointToUtf16(code, cursorPos);
    try {
      const { names, kinds, start, end } = await this.language.completions(code, position);
      const cursorStart = utf16ToCodePoint(code, start);
      const cursorEnd = utf16ToCodePoint(code, end);
      const types = names.map((text, i) => ({ start: cursorStart, end: cursorEnd, text, type: kinds[i] }));
      return { status: 'ok', matches: names, cursor_start: cursorStart, cursor_end: cursorEnd, metadata: { _jupyter_types_experimental: types } };
    } catch (error) {
      this.log(`completion failed: ${(error as Error).message}`);
      return { status: 'ok', matches: [], cursor_start: cursorPos, cursor_end: cursorPos, metadata: {} };
    }
  }

  private async inspect(code: string, cursorPos: number): Promise<JsonObject> {
    let text: string | undefined;
    try {
      text = await this.language.quickInfo(code, codePointToUtf16(code, cursorPos));
    } catch (error) {
      this.log(`inspection failed: ${(error as Error).message}`);
    }
    return text ? { status: 'ok', found: true, data: { 'text/plain': text, 'text/markdown': `\`\`\`typescript\n${text}\n\`\`\`` }, metadata: {} } : { status: 'ok', found: false, data: {}, metadata: {} };
  }

  /** Signal-mode interrupts arrive as SIGINT to the kernel; the running cell is interrupted. */
  interrupt(): void {
    if (this.checking) this.interruptedWhileChecking = true;
    // A pending input() ends with the cell; a late reply must not answer the next one.
    for (const waiter of this.inputWaiters.splice(0)) waiter.reject(new Error('interrupted'));
    this.runtime.interrupt();
  }

  async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.runtime.stop();
    await Promise.all([this.channels.close(), this.language.stop()]);
    process.exit(0);
  }
}
