/**
 * Refuses a signed message seen before (a replay), like jupyter_client's Session: the signatures of the
 * last `size` messages are remembered. Unsigned sessions (empty key) have no signatures to compare.
 */
export class ReplayGuard {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private oldest = 0;

  constructor(private readonly size = 2 ** 16) {}

  /** True the first time a signature is offered, false for every repeat while it is remembered. */
  admit(signature: string): boolean {
    if (signature === '') return true;
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    this.order.push(signature);
    if (this.order.length - this.oldest > this.size) this.seen.delete(this.order[this.oldest++]);
    if (this.oldest > this.size) {
      this.order.splice(0, this.oldest);
      this.oldest = 0;
    }
    return true;
  }
}
