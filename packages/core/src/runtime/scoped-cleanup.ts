/**
 * Releasing what a piece of work holds when its host cancels it. A host that runs code in cancellable
 * scopes (the Jupyter kernel: an interrupted cell's remaining work is dropped, so its `finally` blocks may
 * never run) installs a registrar under this global symbol; resources such as locks register their release with
 * it. Without a host nothing is registered: a command's locks are released when its process exits.
 */
export const SCOPED_CLEANUP_REGISTRAR = Symbol.for('emotrans.scopedCleanup');

/** What a host installs: keep `cleanup` for when the running scope is cancelled; returns how to forget it. */
export type ScopedCleanupRegistrar = (cleanup: () => void) => (() => void) | undefined;

/** Runs `cleanup` if the host cancels the work running now; the returned function unregisters it. */
export function onScopeCancelled(cleanup: () => void): () => void {
  const registrar = (globalThis as Record<symbol, unknown>)[SCOPED_CLEANUP_REGISTRAR] as ScopedCleanupRegistrar | undefined;
  return registrar?.(cleanup) ?? (() => {});
}
