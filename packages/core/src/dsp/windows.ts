/**
 * Window functions as openSMILE defines them (symmetric, denominators N - 1).
 * Each returns a new Float64Array of length n, to be computed once and reused for every frame.
 */

export type WindowName = 'rectangular' | 'hamming' | 'hann' | 'gauss';

export function rectangularWindow(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}

/** 0.54 - 0.46 cos(2 pi i / (n - 1)). */
export function hammingWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = n === 1 ? 1 : 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1));
  return w;
}

/** 0.5 (1 - cos(2 pi i / (n - 1))). */
export function hannWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = n === 1 ? 1 : 0.5 * (1 - Math.cos((2 * Math.PI * i) / (n - 1)));
  return w;
}

/** exp(-0.5 ((i - (n-1)/2) / (sigma (n-1)/2))^2); openSMILE clamps sigma to (0, 0.5]. ComParE uses sigma 0.4. */
export function gaussianWindow(n: number, sigma = 0.4): Float64Array {
  const s = Math.min(0.5, sigma <= 0 ? 0.01 : sigma);
  const w = new Float64Array(n);
  const half = (n - 1) / 2;
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : (i - half) / (s * half);
    w[i] = Math.exp(-0.5 * t * t);
  }
  return w;
}

export function makeWindow(name: WindowName, n: number, sigma?: number): Float64Array {
  switch (name) {
    case 'rectangular':
      return rectangularWindow(n);
    case 'hamming':
      return hammingWindow(n);
    case 'hann':
      return hannWindow(n);
    case 'gauss':
      return gaussianWindow(n, sigma);
  }
}
