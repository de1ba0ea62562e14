/** Frequency scales (Hz <-> perceptual units) with openSMILE's definitions. */

export type FrequencyScale = 'mel' | 'bark' | 'linear';

/** Mel after Beranek (1949) / HTK: 1127 ln(1 + f / 700). */
export function hzToMel(hz: number): number {
  return hz > 0 ? 1127 * Math.log(1 + hz / 700) : 0;
}

export function melToHz(mel: number): number {
  return 700 * (Math.exp(mel / 1127) - 1);
}

/**
 * Bark after Traunmüller (1990), z = 26.81 / (1 + 1960 / f) - 0.53, with his corrections below 2 Bark and
 * above 20.1 Bark (as in openSMILE's SPECTSCALE_BARK).
 */
export function hzToBark(hz: number): number {
  if (hz <= 0) return 0;
  const z = 26.81 / (1 + 1960 / hz) - 0.53;
  if (z < 2) return 0.85 * z + 0.3;
  if (z > 20.1) return 1.22 * z - 0.22 * 20.1;
  return z;
}

export function barkToHz(bark: number): number {
  let z = bark;
  if (bark > 20.1) z = (bark + 0.22 * 20.1) / 1.22;
  else if (bark < 2) z = (bark - 0.3) / 0.85;
  const z0 = 26.81 / (z + 0.53);
  return z0 !== 1 ? 1960 / (z0 - 1) : 0;
}

export function toScale(hz: number, scale: FrequencyScale): number {
  return scale === 'mel' ? hzToMel(hz) : scale === 'bark' ? hzToBark(hz) : hz;
}

export function fromScale(value: number, scale: FrequencyScale): number {
  return scale === 'mel' ? melToHz(value) : scale === 'bark' ? barkToHz(value) : value;
}
