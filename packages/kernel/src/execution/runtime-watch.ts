/**
 * A thread of the runtime process that keeps working while cells block the main thread. It reads the
 * kernel's control pipe (fd 4):
 * - end of file: the kernel is gone (shut down, restarted, killed): the runtime and everything it started
 *   (its process group) die at once, even in the middle of an endless synchronous loop;
 * - `i`: interrupt. The main thread is asked first; if it does not answer within ACK_MS (it is stuck in
 *   synchronous code, even after an `await`), the JavaScript running there is terminated through the
 *   inspector, which leaves the process, and so the session's variables, intact.
 */
import inspector from 'node:inspector';
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

export const CONTROL_FD = 4;
/** Byte the kernel writes to interrupt the running cell. */
export const INTERRUPT_BYTE = 'i';
const ACK_MS = 250;
const ATTEMPTS = 4;

/** Shared with the main thread: slot 0 counts the interrupts it has handled. */
const handled = new Int32Array((workerData as { handled: SharedArrayBuffer }).handled);
let requested = 0;

const session = new inspector.Session();
session.connectToMainThread();

function dieWithKernel(): never {
  try {
    process.kill(-process.pid, 'SIGKILL'); // the runtime's own process group (it is its leader)
  } catch {
    // not a group leader
  }
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

/** Blocks this thread until the main thread has handled interrupt `target`, or `ms` passed. */
function handledWithin(target: number, ms: number): boolean {
  const end = Date.now() + ms;
  for (;;) {
    const seen = Atomics.load(handled, 0);
    if (seen >= target) return true;
    const left = end - Date.now();
    if (left <= 0) return false;
    Atomics.wait(handled, 0, seen, left);
  }
}

function interrupt(): void {
  const target = ++requested;
  parentPort?.postMessage({ type: 'interrupt', request: target });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (handledWithin(target, ACK_MS)) return;
    session.post('Runtime.terminateExecution');
  }
}

const pipe = new net.Socket({ fd: CONTROL_FD, readable: true, writable: false });
pipe.on('data', (data: Buffer) => {
  for (const byte of data.toString('latin1')) if (byte === INTERRUPT_BYTE) interrupt();
});
pipe.on('end', dieWithKernel);
pipe.on('close', dieWithKernel);
pipe.on('error', dieWithKernel);
