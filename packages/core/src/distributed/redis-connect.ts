import type IORedis from 'ioredis';
import { BadInputError, RunFailure } from '../runtime/errors';
import { withoutSecret, type QueueUrl } from './queue-url';

const AUTH_ERROR = /WRONGPASS|NOAUTH|invalid password|invalid username/i;

/**
 * A Redis connection that is ready, or a clear error: a refused password (BadInputError: exit 2) or no
 * answer within `timeoutMs` (RunFailure). Once connected, later outages are reconnected by ioredis and
 * handled by the caller.
 */
export async function connectRedis(url: QueueUrl, timeoutMs = 15_000): Promise<IORedis> {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis({ ...url.connection, lazyConnect: true });
  let last = '';
  const onError = (error: Error) => (last = withoutSecret(error.message, url));
  redis.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RunFailure(`cannot reach Redis at ${url.display} within ${timeoutMs / 1000} s${last ? `: ${last}` : ''}`)), timeoutMs);
      redis.on('error', (error) => {
        if (AUTH_ERROR.test(error.message)) {
          clearTimeout(timer);
          reject(new BadInputError(`--queue: Redis at ${url.display} refused the credentials: ${withoutSecret(error.message, url)}`));
        }
      });
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
      redis.connect().catch(() => {});
    });
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  redis.off('error', onError);
  return redis;
}
