import fs from 'node:fs';
import os from 'node:os';
import { onScopeCancelled } from '../runtime/scoped-cleanup';

/** Who holds a lock: written into the lock file, so another process can tell a live owner from a dead one. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  /** The owner's start time as the kernel counts it (Linux), so a reused pid is not taken for the owner. */
  readonly processStart?: string;
}

export type LockAttempt = { readonly acquired: true; release(): void } | { readonly acquired: false; readonly owner: LockOwner | undefined };

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), or undefined off Linux. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = processStart(owner.pid);
  return !(owner.processStart && now && owner.processStart !== now);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a lock held by `owner` (undefined: unreadable) may be taken over: its owner is gone. */
function isStale(file: string, owner: LockOwner | undefined): boolean {
  if (!owner) {
    // Written with O_EXCL then filled: an unreadable lock older than a few seconds was left half-made.
    try {
      return Date.now() - fs.statSync(file).mtimeMs > 5000;
    } catch {
      return true;
    }
  }
  return owner.host === os.hostname() && !isAlive(owner);
}

/**
 * Tries to take the lock `file` (created exclusively, holding the pid, host and start time). A lock left by
 * a dead process of this host is taken over; one held by a live process, or by another host (which cannot
 * be checked), is not. The lock is released by `release()` or when this process exits.
 */
export function tryLock(file: string): LockAttempt {
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), processStart: processStart(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (!isStale(file, owner)) return { acquired: false, owner };
      // Only the stale lock just read is removed, not one another process took over meanwhile.
      if (JSON.stringify(readOwner(file)) === JSON.stringify(owner)) fs.rmSync(file, { force: true });
      continue;
    }
    const onExit = () => release();
    // An interrupted notebook cell never reaches its `finally`: the kernel releases the lock instead.
    const forget = onScopeCancelled(() => release());
    const release = () => {
      process.off('exit', onExit);
      forget();
      const owner = readOwner(file);
      if (owner?.pid === me.pid && owner.started === me.started) fs.rmSync(file, { force: true });
    };
    process.on('exit', onExit);
    return { acquired: true, release };
  }
  return { acquired: false, owner: readOwner(file) };
}

/** "process 123 on host h (since ...)" for messages. */
export function describeOwner(owner: LockOwner | undefined): string {
  return owner ? `process ${owner.pid} on host ${owner.host} (since ${owner.started})` : 'another process';
}
