import { createRandom, testSignals } from '@emotrans/core';

export const SR = 16000;

export function sine(freq: number, seconds: number, amplitude = 1, rate = SR): Float32Array {
  return testSignals.sine(freq, seconds, rate, amplitude);
}

export function whiteNoise(seconds: number, amplitude: number, seed = 1): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: Math.round(seconds * SR) }, () => amplitude * random.normal());
}

/** Pink (1/f power) noise: Paul Kellet's refined filter of white noise, normalised to the given RMS. */
export function pinkNoise(seconds: number, rms: number, seed = 2): Float32Array {
  const random = createRandom(seed);
  const n = Math.round(seconds * SR);
  const out = new Float32Array(n);
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (let i = 0; i < n; i++) {
    const w = random.normal();
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
    b6 = w * 0.115926;
  }
  let sq = 0;
  for (const v of out) sq += v * v;
  const scale = rms / Math.sqrt(sq / n);
  for (let i = 0; i < n; i++) out[i] *= scale;
  return out;
}

export function signal(samples: Float32Array) {
  return { samples, sampleRate: SR, origin: 'test' };
}
