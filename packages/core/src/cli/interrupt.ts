/**
 * On Ctrl-C (SIGINT) or SIGTERM: print how to resume, then exit with 130/143. Finished units are already
 * on disk (written atomically), so nothing else needs saving. Returns a function that stops listening.
 */
export function onInterrupt(message: string): () => void {
  const handler = (signal: NodeJS.Signals) => {
    // Show the cursor again in case a progress bar hid it.
    process.stderr.write(`${process.stderr.isTTY ? '\x1b[?25h' : ''}\n${message}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
