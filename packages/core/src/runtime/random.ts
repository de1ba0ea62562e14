import { createHash } from 'node:crypto';
import type seedrandom from 'seedrandom';

/**
 * seedrandom's alea on its own (the very function `seedrandom.alea` is): the package's index loads all its
 * generators, which every thread that makes a Random would pay for at start-up.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const alea = require('seedrandom/lib/alea') as typeof seedrandom.alea;

/**
 * A seeded random source. `fork(label)` derives an independent stream from the seed and a label, so a
 * unit of work gets the same numbers whatever order (or process) it runs in.
 */
export interface Random {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  fork(label: string): Random;
}

/** A 32-bit seed derived from a parent seed and a label. */
export function deriveSeed(seed: number, label: string): number {
  return createHash('sha256').update(`${seed}/${label}`).digest().readUInt32LE(0);
}

export function createRandom(seed: number): Random {
  const uniform = alea(String(seed));
  let spare: number | undefined;
  const random: Random = {
    seed,
    next: () => uniform(),
    normal() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      // Box-Muller; 1 - u keeps the logarithm finite.
      const u = 1 - uniform();
      const v = uniform();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor(uniform() * n),
    fork: (label) => createRandom(deriveSeed(seed, label)),
  };
  return random;
}

/** Fisher-Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
