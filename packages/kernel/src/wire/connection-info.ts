import fs from 'node:fs';
import { KernelInputError } from './kernel-input-error';

/** The connection file Jupyter writes for a kernel: where to bind and how to sign. */
export interface ConnectionInfo {
  readonly transport: 'tcp' | 'ipc';
  readonly ip: string;
  readonly shell_port: number;
  readonly iopub_port: number;
  readonly stdin_port: number;
  readonly control_port: number;
  readonly hb_port: number;
  /** HMAC key; empty string means messages are not signed. */
  readonly key: string;
  /** e.g. `hmac-sha256`. */
  readonly signature_scheme: string;
  readonly kernel_name?: string;
}

const PORT_FIELDS = ['shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port'] as const;

export function readConnectionInfo(file: string): ConnectionInfo {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KernelInputError(`cannot read the connection file: ${(error as Error).message}`, file);
  }
  for (const field of PORT_FIELDS) {
    if (typeof raw[field] !== 'number') throw new KernelInputError(`field '${field}' must be a port number`, file);
  }
  if (typeof raw.ip !== 'string') throw new KernelInputError(`field 'ip' must be a string`, file);
  const transport = raw.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') throw new KernelInputError(`field 'transport' must be 'tcp' or 'ipc'`, file);
  const key = typeof raw.key === 'string' ? raw.key : '';
  const scheme = typeof raw.signature_scheme === 'string' ? raw.signature_scheme : 'hmac-sha256';
  return { ...(raw as object), transport, key, signature_scheme: scheme } as ConnectionInfo;
}

/** ZeroMQ endpoint of one channel, e.g. `tcp://127.0.0.1:5555` or `ipc://kernel-ipc-1`. */
export function endpoint(info: ConnectionInfo, port: number): string {
  return info.transport === 'tcp' ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
