import { testSignals } from '@emotrans/core';

describe('testSignals', () => {
  it('sine: amplitude sin(2 pi f n / sr), length round(seconds sr)', () => {
    const x = testSignals.sine(1000, 0.01, 8000, 0.5);
    expect(x.length).toBe(80);
    // 1000 Hz at 8 kHz: a quarter period every 2 samples.
    expect(x[0]).toBe(0);
    expect(x[2]).toBeCloseTo(0.5, 7);
    expect(x[6]).toBeCloseTo(-0.5, 7);
  });

  it('mulberry32: the same sequence for the same seed, another for another seed, on [0, 1)', () => {
    const a = testSignals.mulberry32(7);
    const b = testSignals.mulberry32(7);
    const c = testSignals.mulberry32(8);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    const draws = Array.from({ length: 10000 }, a);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  it('uniformNoise: within [-amplitude, amplitude), mean 0 and variance amplitude^2 / 3', () => {
    const x = testSignals.uniformNoise(10, 10000, 3, 0.3);
    expect(x.length).toBe(100000);
    let sum = 0;
    let squares = 0;
    let largest = 0;
    for (const v of x) {
      largest = Math.max(largest, Math.abs(v));
      sum += v;
      squares += v * v;
    }
    expect(largest).toBeLessThanOrEqual(0.3);
    const mean = sum / x.length;
    // Standard errors over 1e5 samples: mean 0.3 / sqrt(3e5) ~ 5.5e-4, variance ~ 8.5e-5.
    expect(Math.abs(mean)).toBeLessThan(0.003);
    expect(squares / x.length - mean * mean).toBeCloseTo(0.09 / 3, 3);
    expect(testSignals.uniformNoise(10, 10000, 3, 0.3)).toEqual(x);
  });
});
