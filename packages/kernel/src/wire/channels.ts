import * as zmq from 'zeromq';
import { endpoint, type ConnectionInfo } from './connection-info';

/** A zeromq socket that accepts one send at a time; this queues sends so callers need not wait. */
class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly socket: zmq.Router | zmq.Publisher) {}

  send(frames: Buffer[]): Promise<void> {
    const next = this.tail.then(() => this.socket.send(frames));
    this.tail = next.catch((error) => {
      process.stderr.write(`emotrans kernel: send failed: ${(error as Error).message}\n`);
    });
    return next;
  }

  /** Resolves when everything queued so far has gone out. */
  flushed(): Promise<void> {
    return this.tail;
  }
}

/** The five sockets of a kernel, bound to the ports of the connection file. */
export class Channels {
  readonly shell = new zmq.Router();
  readonly control = new zmq.Router();
  readonly stdin = new zmq.Router();
  readonly iopub = new zmq.Publisher();
  readonly heartbeat = new zmq.Reply();
  readonly shellOut = new SendQueue(this.shell);
  readonly controlOut = new SendQueue(this.control);
  readonly stdinOut = new SendQueue(this.stdin);
  readonly iopubOut = new SendQueue(this.iopub);

  constructor(private readonly info: ConnectionInfo) {
    for (const socket of [this.shell, this.control, this.stdin, this.iopub, this.heartbeat]) socket.linger = 0;
  }

  async bind(): Promise<void> {
    const info = this.info;
    await Promise.all([
      this.shell.bind(endpoint(info, info.shell_port)),
      this.control.bind(endpoint(info, info.control_port)),
      this.stdin.bind(endpoint(info, info.stdin_port)),
      this.iopub.bind(endpoint(info, info.iopub_port)),
      this.heartbeat.bind(endpoint(info, info.hb_port)),
    ]);
    void this.echoHeartbeats();
  }

  /** Heartbeat: every ping comes straight back. */
  private async echoHeartbeats(): Promise<void> {
    try {
      for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
    } catch {
      // socket closed on shutdown
    }
  }

  async close(): Promise<void> {
    await Promise.race([Promise.all([this.iopubOut.flushed(), this.shellOut.flushed(), this.controlOut.flushed()]), new Promise((r) => setTimeout(r, 500))]);
    for (const socket of [this.shell, this.control, this.stdin, this.iopub, this.heartbeat]) socket.close();
  }
}
