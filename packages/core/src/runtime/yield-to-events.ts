/**
 * Lets the event loop run (timers, I/O, signal handlers) before going on. Awaiting a resolved promise only
 * runs microtasks, so a loop of synchronous work between awaits would otherwise never see Ctrl-C or
 * SIGTERM until it ended; long serial loops call this between items to stay interruptible.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
