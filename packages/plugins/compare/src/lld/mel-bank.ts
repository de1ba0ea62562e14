import { dsp } from '@emotrans/core';

/**
 * The 26-band mel filterbank of ComParE's cMelspec components (20-8000 Hz on a 512-point FFT at 16 kHz):
 * the usual triangles on the mel scale, fed only by FFT bins strictly between the bins nearest to the low
 * and the high edge, round(lowHz / binHz) < k < round(highHz / binHz). At 16 kHz that leaves out bin 1
 * (31.25 Hz, the bin nearest to 20 Hz), which would otherwise reach into the first band.
 */
export function comparEMelBank(options: dsp.FilterbankOptions): dsp.Filterbank {
  const bank = dsp.triangularFilterbank(options);
  const binHz = options.sampleRate / options.fftSize;
  const lowest = Math.round(options.lowHz / binHz);
  const highest = Math.round(Math.min(options.highHz, options.sampleRate / 2) / binHz);
  const weights = Float64Array.from(bank.weights);
  for (let m = 0; m < bank.bands; m++) {
    for (let j = 0; j < bank.length[m]; j++) {
      const k = bank.first[m] + j;
      if (k <= lowest || k >= highest) weights[bank.offset[m] + j] = 0;
    }
  }
  return { ...bank, weights };
}
