/**
 * The feature cache after a full disk or with a second process: a short write never becomes an entry, and
 * an entry another live process is computing is waited for (one writer), while a dead writer's lock is
 * taken over at once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFeatureMatrix, FeatureCache } from '@emotrans/core';
import { scratch, withFullDisk } from './harness';

const work = scratch('cache-writers');
const matrix = () => createFeatureMatrix(['a', 'b'], 1, Float64Array.of(0.5, 1.5, 2.5), Float32Array.of(1, 2, 3, 4, 5, 6));

it('a write cut short by a full disk leaves no entry (a miss, recomputed), never a trusted short one', () => {
  const cache = new FeatureCache(path.join(work, 'full'));
  withFullDisk(40, () => expect(() => cache.set('k'.repeat(64), matrix())).toThrow(/no space left/));
  expect(cache.lookup('k'.repeat(64))).toEqual({ status: 'miss' });
  expect(fs.readdirSync(path.dirname(cache.file('k'.repeat(64))))).toEqual([]);
});

it('an entry being written by another live process is waited for, then read (not computed twice)', async () => {
  const cache = new FeatureCache(path.join(work, 'shared'));
  const key = 'a'.repeat(64);
  fs.mkdirSync(path.dirname(cache.file(key)), { recursive: true });
  // Another live process (a sleeping child) holds the entry's lock.
  const other = spawn('sleep', ['30']);
  fs.writeFileSync(`${cache.file(key)}.lock`, JSON.stringify({ pid: other.pid, host: os.hostname(), started: new Date().toISOString() }));
  try {
    const claim = cache.claim(key, 20);
    let settled = false;
    void claim.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false); // still waiting for the other writer
    // The other process finishes its entry and lets go.
    cache.set(key, matrix());
    fs.rmSync(`${cache.file(key)}.lock`);
    const { matrix: found } = await claim;
    expect(found && Array.from(found.data)).toEqual([1, 2, 3, 4, 5, 6]);
  } finally {
    other.kill();
  }
});

it('a lock left by a dead process is taken over at once', async () => {
  const cache = new FeatureCache(path.join(work, 'stale'));
  const key = 'b'.repeat(64);
  fs.mkdirSync(path.dirname(cache.file(key)), { recursive: true });
  const dead = spawn('true');
  await new Promise((resolve) => dead.on('exit', resolve));
  fs.writeFileSync(`${cache.file(key)}.lock`, JSON.stringify({ pid: dead.pid, host: os.hostname(), started: new Date().toISOString() }));
  const claim = await cache.claim(key, 20, 1000);
  expect(claim.matrix).toBeUndefined();
  expect(JSON.parse(fs.readFileSync(`${cache.file(key)}.lock`, 'utf8')).pid).toBe(process.pid);
  claim.release();
  expect(fs.existsSync(`${cache.file(key)}.lock`)).toBe(false);
});
