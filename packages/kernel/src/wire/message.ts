import crypto from 'node:crypto';
import type { Signer } from './signer';

/** Protocol version this kernel speaks. */
export const PROTOCOL_VERSION = '5.3';

const DELIMITER = '<IDS|MSG>';

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export type JsonObject = Record<string, unknown>;

/** A Jupyter message as the kernel handles it, with the routing identities it came with. */
export interface JupyterMessage<Content = JsonObject> {
  identities: Buffer[];
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: JsonObject;
  content: Content;
  buffers: Buffer[];
  /** The HMAC it came with ('' when unsigned). */
  signature: string;
}

export function newHeader(msgType: string, session: string): MessageHeader {
  return { msg_id: crypto.randomUUID(), session, username: 'kernel', date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION };
}

/** Why a received multipart message was refused. */
export class RejectedMessage extends Error {}

/** Parses the frames of a received message; refuses malformed ones and ones whose signature does not match. */
export function decodeMessage(frames: readonly Buffer[], signer: Signer): JupyterMessage {
  const delimiter = frames.findIndex((f) => f.length === DELIMITER.length && f.toString('utf8') === DELIMITER);
  if (delimiter < 0 || frames.length < delimiter + 6) throw new RejectedMessage('malformed message: no <IDS|MSG> delimiter or missing parts');
  const signature = frames[delimiter + 1].toString('utf8');
  const parts = frames.slice(delimiter + 2, delimiter + 6);
  if (!signer.verify(signature, parts)) throw new RejectedMessage('invalid signature');
  const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString('utf8')));
  if (!header || typeof header.msg_type !== 'string') throw new RejectedMessage('header without msg_type');
  return {
    identities: frames.slice(0, delimiter),
    header,
    parent_header: parent ?? {},
    metadata: metadata ?? {},
    content: content ?? {},
    buffers: frames.slice(delimiter + 6),
    signature,
  };
}

/** Frames of an outgoing message, signed. */
export function encodeMessage(
  message: { identities: readonly Buffer[]; header: MessageHeader; parent_header: Partial<MessageHeader>; metadata?: JsonObject; content: unknown; buffers?: readonly Buffer[] },
  signer: Signer,
): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata ?? {}, message.content].map((p) => Buffer.from(JSON.stringify(p), 'utf8'));
  return [...message.identities, Buffer.from(DELIMITER), Buffer.from(signer.sign(parts)), ...parts, ...(message.buffers ?? [])];
}
