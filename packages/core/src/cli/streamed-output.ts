import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFailure } from '../results/atomic-write';

/** Whether process `pid` of this host is still running (EPERM: it is, as another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the temporary files that a killed earlier command left for the same output (Ctrl-C or SIGTERM
 * end `emotrans features` at once, with no chance to clean up), keeping those of processes still running.
 */
function removeTemporariesOfDeadProcesses(dir: string, base: string): void {
  const prefix = `.${base}.`;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)\.[a-z0-9]+\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (pid && Number(pid) !== process.pid && !isRunning(Number(pid))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Text written in pieces as it is produced (so a long batch never holds its whole output in memory) to a
 * temporary file, which becomes the output only on `commit`: readers of the output see the old content or
 * the whole new one, and a failed or interrupted batch leaves nothing behind. For `-` (stdout) the
 * temporary file is copied to stdout on commit.
 */
export class StreamedOutput {
  private readonly temporary: string;
  private fd: number | undefined;
  private pending: (string | Uint8Array)[] = [];
  private pendingLength = 0;
  /**
   * Where large intermediate files of this output belong (a long file's spilled rows): the start of a name
   * that, completed with the writing process's pid and `.<random>.tmp`, is a temporary file of this output,
   * removed as this one is if its process is killed.
   */
  readonly spillPrefix: string;

  constructor(private readonly target: string) {
    const dir = target === '-' ? os.tmpdir() : path.dirname(path.resolve(target));
    const base = target === '-' ? 'emotrans-stdout' : path.basename(target);
    this.spillPrefix = path.join(dir, `.${base}.`);
    this.temporary = `${this.spillPrefix}${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      removeTemporariesOfDeadProcesses(dir, base);
      this.fd = fs.openSync(this.temporary, 'w');
    } catch (error) {
      // Before any work: an output folder that cannot be written is reported now, naming it.
      throw writeFailure(error, target === '-' ? this.temporary : path.resolve(target));
    }
  }

  /** Appends text or bytes (buffered in chunks of about 1 MB). */
  write(text: string | Uint8Array): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 1 << 20) this.flush();
  }

  /** Appends the content of a file, read in chunks of 1 MiB (a long file's spilled rows). */
  appendFile(file: string): void {
    this.flush();
    const buffer = Buffer.allocUnsafe(1 << 20);
    const fd = fs.openSync(file, 'r');
    try {
      for (;;) {
        const n = fs.readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) break;
        for (let done = 0; done < n; ) done += fs.writeSync(this.fd!, buffer, done, n - done);
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  private flush(): void {
    if (this.fd === undefined) throw new Error('StreamedOutput: already closed');
    for (const piece of this.pending) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(this.fd, bytes, done, bytes.length - done);
    }
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Makes the written text the output (fsync, rename; or copy to stdout for `-`). */
  async commit(): Promise<void> {
    this.flush();
    fs.fsyncSync(this.fd!);
    fs.closeSync(this.fd!);
    this.fd = undefined;
    if (this.target !== '-') return fs.renameSync(this.temporary, this.target);
    try {
      for await (const chunk of fs.createReadStream(this.temporary)) {
        if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    } finally {
      fs.rmSync(this.temporary, { force: true });
    }
  }

  /** Drops everything written; the output is left as it was. */
  discard(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.temporary, { force: true });
  }
}
