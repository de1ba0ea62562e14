import type { Instrument } from './instruments';

export const TABLE_SIZE = 2048;

/**
 * Single-cycle wavetables per (instrument, brightness, number of harmonics below Nyquist), built once and
 * shared. Each table has the RMS of a unit sine (1/sqrt 2), so a note's level does not depend on its
 * brightness; one extra sample at the end makes linear interpolation branch-free.
 */
export class WavetableBank {
  private readonly tables = new Map<string, Float32Array>();

  /** `tilt` multiplies harmonic k by k^-tilt (larger = duller); it is quantised to steps of 0.1. */
  get(instrument: Instrument, tilt: number, frequency: number, sampleRate: number): Float32Array {
    const tiltStep = Math.round(tilt * 10);
    const limit = Math.max(1, Math.min(instrument.harmonics.length, Math.floor((0.45 * sampleRate) / frequency)));
    const key = `${instrument.name}/${tiltStep}/${limit}`;
    let table = this.tables.get(key);
    if (!table) {
      const amplitudes = instrument.harmonics.slice(0, limit).map((a, i) => a * (i + 1) ** (-tiltStep / 10));
      const norm = Math.sqrt(amplitudes.reduce((s, a) => s + a * a, 0));
      table = new Float32Array(TABLE_SIZE + 1);
      for (let n = 0; n < TABLE_SIZE; n++) {
        let value = 0;
        for (let k = 0; k < amplitudes.length; k++) value += amplitudes[k] * Math.sin((2 * Math.PI * (k + 1) * n) / TABLE_SIZE);
        table[n] = value / norm;
      }
      table[TABLE_SIZE] = table[0];
      this.tables.set(key, table);
    }
    return table;
  }
}
