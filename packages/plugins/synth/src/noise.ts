/**
 * A fast deterministic white-noise source (xorshift32) for per-sample noise, seeded from the corpus's
 * Random so audio stays reproducible without one Random call per sample.
 */
export class WhiteNoise {
  private state: number;

  constructor(seed: number) {
    this.state = (seed >>> 0) || 0x9e3779b9;
  }

  /** Uniform in [-1, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x / 2147483648 - 1;
  }
}
