import type { Random } from '@emotrans/core';

/**
 * A smooth random trajectory in [-amplitude, amplitude]: a sum of three slow sinusoids (periods 10-60 s)
 * with random phases, normalised by the sum of their weights.
 */
export function smoothTrajectory(random: Random, amplitude = 0.8): (t: number) => number {
  const parts = Array.from({ length: 3 }, () => ({
    frequency: 1 / (10 + 50 * random.next()),
    phase: 2 * Math.PI * random.next(),
    weight: 0.5 + random.next(),
  }));
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  return (t) => (amplitude / total) * parts.reduce((sum, p) => sum + p.weight * Math.sin(2 * Math.PI * p.frequency * t + p.phase), 0);
}
