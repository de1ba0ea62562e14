/**
 * The prepared datasets (aligned feature matrices and gold traces of every domain) travel from the
 * coordinator to the workers through Redis, so workers need neither the corpora nor a shared filesystem and
 * never extract features again (docs/distributed.md gives the measurements behind this choice). The
 * datasets are serialised once (v8 structured clone, the format worker threads already receive them in),
 * stored content-addressed in chunks under the Redis 512 MB value limit, and checked against their hash
 * when read back.
 */
import { createHash } from 'node:crypto';
import type v8Module from 'node:v8';
import type { Redis } from 'ioredis';
import type { DomainDataset } from '../experiment/dataset';
import { RunFailure } from '../runtime/errors';

/** node:v8, required when a dataset is first moved (every command loads this module through the core's index). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const v8 = (): typeof v8Module => require('node:v8') as typeof v8Module;

const CHUNK_BYTES = 64 * 2 ** 20;
const keyOf = (digest: string) => `emotrans:datasets:${digest}`;

/** Stores the datasets (unless already there) and returns the key jobs name them by. */
export async function publishDatasets(redis: Redis, datasets: ReadonlyMap<string, DomainDataset>): Promise<{ key: string; bytes: number }> {
  const blob = v8().serialize(new Map(datasets));
  const digest = createHash('sha256').update(blob).digest('hex');
  const key = keyOf(digest);
  if ((await redis.exists(key)) === 0) {
    const chunks = Math.max(1, Math.ceil(blob.length / CHUNK_BYTES));
    for (let i = 0; i < chunks; i++) await redis.set(`${key}:${i}`, blob.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
    // Written last: a reader that sees the chunk count sees every chunk.
    await redis.set(key, String(chunks));
  }
  return { key, bytes: blob.length };
}

/** Whether the datasets are (still) in Redis; false after a restart that lost them. */
export async function datasetsPresent(redis: Redis, key: string): Promise<boolean> {
  return (await redis.exists(key)) === 1;
}

export async function fetchDatasets(redis: Redis, key: string): Promise<Map<string, DomainDataset>> {
  const count = await redis.get(key);
  if (count === null) throw new RunFailure(`the datasets ${key} are not in Redis (was it restarted?); the coordinator publishes them again`);
  const parts: Buffer[] = [];
  for (let i = 0; i < Number(count); i++) {
    const part = await redis.getBuffer(`${key}:${i}`);
    if (!part) throw new RunFailure(`chunk ${i} of the datasets ${key} is missing in Redis`);
    parts.push(part);
  }
  const blob = Buffer.concat(parts);
  if (`emotrans:datasets:${createHash('sha256').update(blob).digest('hex')}` !== key) throw new RunFailure(`the datasets read from Redis do not match their hash ${key}`);
  return v8().deserialize(blob) as Map<string, DomainDataset>;
}

export async function deleteDatasets(redis: Redis, key: string): Promise<void> {
  const count = Number((await redis.get(key)) ?? 0);
  await redis.del(key, ...Array.from({ length: count }, (_, i) => `${key}:${i}`));
}
