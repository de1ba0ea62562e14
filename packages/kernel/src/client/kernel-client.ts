import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as zmq from 'zeromq';
import { decodeMessage, encodeMessage, newHeader, type JsonObject, type JupyterMessage } from '../wire/message';
import { Signer } from '../wire/signer';

/** A port the OS says is free now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface ExecuteOutcome {
  reply: JupyterMessage;
  /** IOPub messages of the request between busy and idle (status messages left out). */
  outputs: JupyterMessage[];
}

/**
 * A minimal Jupyter client for tests and benchmarks: writes a connection file, starts a kernel with it,
 * and talks to it over shell, control and iopub. `sendRaw` sends frames as they are (e.g. mis-signed).
 */
export class KernelClient {
  readonly key = crypto.randomBytes(16).toString('hex');
  readonly session = crypto.randomUUID();
  private readonly signer = new Signer(this.key, 'hmac-sha256');
  private readonly shell = new zmq.Dealer();
  private readonly control = new zmq.Dealer();
  private readonly iopub = new zmq.Subscriber();
  private process: ChildProcess | undefined;
  private readonly waiting = new Map<string, (m: JupyterMessage) => void>();
  private readonly iopubByParent = new Map<string, JupyterMessage[]>();
  private readonly idleWaiters = new Map<string, () => void>();
  private readonly iopubListeners: ((m: JupyterMessage) => void)[] = [];
  private shellSends: Promise<void> = Promise.resolve();
  private controlSends: Promise<void> = Promise.resolve();
  connectionFile = '';
  stderr = '';

  private constructor(private readonly dir: string) {}

  /** Starts `argv` (the kernelspec's, with `{connection_file}`) in `cwd` and waits for kernel_info. */
  static async start(argv: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<KernelClient> {
    const client = new KernelClient(fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-kernel-client-')));
    await client.launch(argv, options);
    return client;
  }

  private async launch(argv: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<void> {
    const distinct = new Set<number>();
    while (distinct.size < 5) distinct.add(await freePort());
    const [shell_port, iopub_port, stdin_port, control_port, hb_port] = [...distinct];
    const ports = { shell_port, iopub_port, stdin_port, control_port, hb_port };
    const info = { ...ports, ip: '127.0.0.1', transport: 'tcp', key: this.key, signature_scheme: 'hmac-sha256', kernel_name: 'emotrans' };
    this.connectionFile = path.join(this.dir, 'connection.json');
    fs.writeFileSync(this.connectionFile, JSON.stringify(info));
    const args = argv.map((a) => a.replace('{connection_file}', this.connectionFile));
    const child = spawn(args[0], args.slice(1), { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d) => (this.stderr += String(d)));
    this.process = child;
    for (const s of [this.shell, this.control, this.iopub]) s.linger = 0;
    this.shell.connect(`tcp://127.0.0.1:${ports.shell_port}`);
    this.control.connect(`tcp://127.0.0.1:${ports.control_port}`);
    this.iopub.connect(`tcp://127.0.0.1:${ports.iopub_port}`);
    this.iopub.subscribe();
    void this.read(this.shell);
    void this.read(this.control);
    void this.readIopub();
    // kernel_info until the kernel answers (iopub subscriptions take a moment to propagate too)
    for (let attempt = 0; ; attempt++) {
      const reply = await Promise.race([this.request('shell', 'kernel_info_request', {}), new Promise<undefined>((r) => setTimeout(() => r(undefined), 1000))]);
      if (reply) break;
      if (child.exitCode !== null || attempt > 30) throw new Error(`kernel did not start: ${this.stderr}`);
    }
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  private async read(socket: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const message = decodeMessage(frames as Buffer[], this.signer);
        const parent = String(message.parent_header.msg_id ?? '');
        this.waiting.get(parent)?.(message);
        this.waiting.delete(parent);
      }
    } catch {
      // closed
    }
  }

  private async readIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const message = decodeMessage(frames as Buffer[], this.signer);
        const parent = String(message.parent_header.msg_id ?? '');
        for (const listener of this.iopubListeners) listener(message);
        if (message.header.msg_type === 'status') {
          if (message.content.execution_state === 'idle') {
            this.idleWaiters.get(parent)?.();
            this.idleWaiters.delete(parent);
          }
          continue;
        }
        const list = this.iopubByParent.get(parent) ?? [];
        list.push(message);
        this.iopubByParent.set(parent, list);
      }
    } catch {
      // closed
    }
  }

  /** Called with every IOPub message (including status). */
  onIopub(listener: (m: JupyterMessage) => void): void {
    this.iopubListeners.push(listener);
  }

  /** Builds a signed request; returns its frames and id. */
  message(type: string, content: JsonObject): { frames: Buffer[]; id: string } {
    const header = newHeader(type, this.session);
    return { frames: encodeMessage({ identities: [], header, parent_header: {}, content }, this.signer), id: header.msg_id };
  }

  /** Sends frames as they are, without waiting for a reply. */
  sendRaw(channel: 'shell' | 'control', frames: Buffer[]): Promise<void> {
    const socket = channel === 'shell' ? this.shell : this.control;
    const next = (channel === 'shell' ? this.shellSends : this.controlSends).then(() => socket.send(frames));
    if (channel === 'shell') this.shellSends = next.catch(() => {});
    else this.controlSends = next.catch(() => {});
    return next;
  }

  /** Sends a request and resolves with its reply. */
  async request(channel: 'shell' | 'control', type: string, content: JsonObject): Promise<JupyterMessage> {
    const { frames, id } = this.message(type, content);
    const reply = new Promise<JupyterMessage>((resolve) => this.waiting.set(id, resolve));
    await this.sendRaw(channel, frames);
    return reply;
  }

  /** Runs code; resolves when the kernel is idle again, with the reply and the outputs. */
  async execute(code: string, options: JsonObject = {}): Promise<ExecuteOutcome> {
    const { frames, id } = this.message('execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...options });
    const reply = new Promise<JupyterMessage>((resolve) => this.waiting.set(id, resolve));
    const idle = new Promise<void>((resolve) => this.idleWaiters.set(id, resolve));
    await this.sendRaw('shell', frames);
    const [message] = await Promise.all([reply, idle]);
    const outputs = this.iopubByParent.get(id) ?? [];
    this.iopubByParent.delete(id);
    return { reply: message, outputs };
  }

  /** Resolves when the kernel process has exited (with its code). */
  exited(): Promise<number | null> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? null);
    return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Asks the kernel to shut down, then closes the sockets; kills the kernel if it lingers. */
  async close(): Promise<void> {
    const child = this.process;
    if (child && child.exitCode === null && child.signalCode === null) {
      void this.request('control', 'shutdown_request', { restart: false }).catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await this.exited();
      clearTimeout(timer);
    }
    for (const s of [this.shell, this.control, this.iopub]) s.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
