import type { RedisOptions } from 'ioredis';
import { BadInputError } from '../runtime/errors';

/** A parsed `--queue` URL: ioredis options and a form safe to print (password hidden). */
export interface QueueUrl {
  readonly connection: RedisOptions;
  /** The URL with any password replaced by `***`: the only form logs, errors and environment.json show. */
  readonly display: string;
}

/**
 * Parses `redis://[user:password@]host[:port][/db]` or `rediss://...` (TLS). Extra TLS/auth settings come
 * from the environment so they never sit on a command line: EMOTRANS_REDIS_PASSWORD (when the URL has none),
 * EMOTRANS_REDIS_TLS_CA (a CA file), EMOTRANS_REDIS_TLS_INSECURE=1 (no certificate check; test setups only).
 */
export function parseQueueUrl(text: string, env: NodeJS.ProcessEnv = process.env): QueueUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BadInputError(`--queue: not a URL: ${redactUrl(text)} (expected redis://host:port[/db])`);
  }
  const display = redactUrl(text);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new BadInputError(`--queue: ${display}: scheme must be redis:// or rediss:// (TLS)`);
  }
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new BadInputError(`--queue: ${display}: database '${dbText}' is not a non-negative integer`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const connection: RedisOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : env.EMOTRANS_REDIS_PASSWORD || undefined,
    // BullMQ workers block on Redis; it requires commands to wait for a reconnect rather than fail.
    maxRetriesPerRequest: null,
    // Reconnect forever with a capped back-off; the coordinator decides when an outage is too long.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  if (url.protocol === 'rediss:') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ca = env.EMOTRANS_REDIS_TLS_CA ? [require('node:fs').readFileSync(env.EMOTRANS_REDIS_TLS_CA)] : undefined;
    connection.tls = { ca, rejectUnauthorized: env.EMOTRANS_REDIS_TLS_INSECURE !== '1', servername: connection.host };
  }
  return { connection, display };
}

/** The URL with its password (if any) replaced by `***`; also used on text that is not a valid URL. */
export function redactUrl(text: string): string {
  return text.replace(/^(\w+:\/\/)([^@/]*)@/, (_all, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return `${scheme}${colon < 0 ? '***' : `${auth.slice(0, colon)}:***`}@`;
  });
}

/** `text` with every occurrence of the secret (password) removed; for error messages from libraries. */
export function withoutSecret(text: string, url: QueueUrl): string {
  const secret = url.connection.password;
  return secret ? text.split(secret).join('***') : text;
}
