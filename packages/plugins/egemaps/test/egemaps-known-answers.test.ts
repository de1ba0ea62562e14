import { type FeatureMatrix } from '@emotrans/core';
import { egemaps, egemaps1Hz, egemapsLld, EGEMAPS_FUNCTIONAL_NAMES, EGEMAPS_LLD_NAMES } from '@emotrans/plugin-egemaps';
import { meanAndStddevNorm } from '@emotrans/plugin-egemaps/dist/functionals/moments';
import { peakStatistics } from '@emotrans/plugin-egemaps/dist/functionals/peaks';
import { segmentStatistics } from '@emotrans/plugin-egemaps/dist/functionals/segments';
import { levinsonLpc } from '@emotrans/plugin-egemaps/dist/lld/formants';
import { polynomialRoots } from '@emotrans/plugin-egemaps/dist/lld/polynomial-roots';
import { SpectralBalance } from '@emotrans/plugin-egemaps/dist/lld/spectral-balance';
import { alternatingPeriods, audio, harmonicComplex, middleMedian, resonatedPulses, withNoise } from './synthetic-signals';

const context = undefined as never;
const column = (m: FeatureMatrix, name: string) => Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + m.names.indexOf(name)]);

describe('eGeMAPS LLDs on synthetic signals', () => {
  it('names and grid: 25 LLDs, one row per whole 60 ms frame plus one, 10 ms apart', async () => {
    const m = await egemapsLld.extract(audio(harmonicComplex(220, 1)), {}, context);
    expect(m.names).toEqual(EGEMAPS_LLD_NAMES);
    expect(m.cols).toBe(25);
    expect(m.rows).toBe(Math.floor((16000 - 960) / 160) + 2);
    expect(m.times[1] - m.times[0]).toBeCloseTo(0.01, 9);
  });

  it('F0 of a 220 Hz harmonic complex is 36 semitones above 27.5 Hz; periodic: no jitter, no shimmer', async () => {
    const m = await egemapsLld.extract(audio(harmonicComplex(220, 1)), {}, context);
    expect(middleMedian(column(m, 'F0semitoneFrom27.5Hz_sma3nz'))).toBeCloseTo(36, 1);
    expect(middleMedian(column(m, 'jitterLocal_sma3nz'))).toBeLessThan(0.002);
    expect(middleMedian(column(m, 'shimmerLocaldB_sma3nz'))).toBeLessThan(0.1);
  });

  it('jitterLocal of periods alternating by +/- 2 % is about 4 %; shimmer of amplitudes alternating 1 : 0.8 about 20 log10(1.22) dB', async () => {
    const jitter = await egemapsLld.extract(audio(alternatingPeriods(125, 0.02, 1)), {}, context);
    expect(middleMedian(column(jitter, 'jitterLocal_sma3nz'))).toBeGreaterThan(0.034);
    expect(middleMedian(column(jitter, 'jitterLocal_sma3nz'))).toBeLessThan(0.046);
    const shimmer = await egemapsLld.extract(audio(alternatingPeriods(125, 0, 1, [0.3, 0.24])), {}, context);
    // |A0 - A1| / mean(A) = 0.06 / 0.27 per period pair
    expect(middleMedian(column(shimmer, 'shimmerLocaldB_sma3nz'))).toBeCloseTo(20 * Math.log10(1 + 0.06 / 0.27), 0);
  });

  it('HNR (autocorrelation) follows the SNR of a harmonic complex in white noise and rises with it', async () => {
    const hnr: number[] = [];
    for (const snr of [0, 10, 20]) {
      const m = await egemapsLld.extract(audio(withNoise(harmonicComplex(200, 1, 0.2), snr)), {}, context);
      hnr.push(middleMedian(column(m, 'HNRdBACF_sma3nz')));
    }
    expect(Math.abs(hnr[0])).toBeLessThan(1.5);
    expect(Math.abs(hnr[1] - 10)).toBeLessThan(2.5);
    expect(hnr[2]).toBeGreaterThan(hnr[1] + 2);
  });

  it("formants: 'corrected' finds F1 / F2 of resonated pulses (500 / 1500 Hz) with their narrow bandwidths; 'opensmile' reproduces SMILExtract's biased, broad ones", async () => {
    const x = audio(resonatedPulses(100, [500, 1500, 2500], [60, 80, 100], 1));
    const corrected = await egemapsLld.extract(x, { formants: 'corrected' }, context);
    expect(middleMedian(column(corrected, 'F1frequency_sma3nz'))).toBeGreaterThan(475);
    expect(middleMedian(column(corrected, 'F1frequency_sma3nz'))).toBeLessThan(525);
    expect(middleMedian(column(corrected, 'F2frequency_sma3nz'))).toBeGreaterThan(1425);
    expect(middleMedian(column(corrected, 'F2frequency_sma3nz'))).toBeLessThan(1575);
    expect(middleMedian(column(corrected, 'F1bandwidth_sma3nz'))).toBeLessThan(150);
    const opensmile = await egemapsLld.extract(x, {}, context);
    expect(middleMedian(column(opensmile, 'F1bandwidth_sma3nz'))).toBeGreaterThan(1000);
  });

  it('too short for a frame: no LLD rows, no windows, and egemaps refuses (BadInputError naming the file)', async () => {
    const short = { samples: new Float32Array(900), sampleRate: 16000, origin: 'short.wav' };
    expect((await egemapsLld.extract(short, {}, context)).rows).toBe(0);
    expect((await egemaps1Hz.extract(short, { window: 1, hop: 1 }, context)).rows).toBe(0);
    await expect(egemaps.extract(short, {}, context)).rejects.toThrow(/short\.wav.*too short|too short.*short\.wav/);
  });

  it('sampleRate: 44.1 kHz audio resampled to 16 kHz first is analysed on the 16 kHz grid (same F0); bad rates are refused', async () => {
    const native = await egemapsLld.extract(audio(harmonicComplex(220, 1, 0.3, 10, 44100), 44100), {}, context);
    const fixed = await egemapsLld.extract(audio(harmonicComplex(220, 1, 0.3, 10, 44100), 44100), { sampleRate: 16000 }, context);
    expect(native.rows).toBe(Math.floor((44100 - 2646) / 441) + 2);
    expect(fixed.rows).toBe(Math.floor((16000 - 960) / 160) + 2);
    expect(middleMedian(column(fixed, 'F0semitoneFrom27.5Hz_sma3nz'))).toBeCloseTo(36, 1);
    expect(egemapsLld.describe({ sampleRate: 22050 }).frameRate).toBeCloseTo(22050 / 221, 9);
    expect(egemapsLld.describe({ sampleRate: 22050 }).sampleRate).toBe(22050);
    const bad = { ...audio(harmonicComplex(220, 0.2)), origin: 'tone.wav' };
    await expect(egemaps.extract(bad, { sampleRate: 1000 }, context)).rejects.toThrow(/tone\.wav.*sampleRate|sampleRate.*tone\.wav/);
  });

  it('silence gives finite values: zeros for the voicing-dependent LLDs', async () => {
    const m = await egemapsLld.extract(audio(new Float32Array(16000)), {}, context);
    expect(Array.from(m.data).every(Number.isFinite)).toBe(true);
    expect(column(m, 'F0semitoneFrom27.5Hz_sma3nz').every((v) => v === 0)).toBe(true);
    expect(column(m, 'Loudness_sma3').every((v) => v < 0.01)).toBe(true);
  });
});

describe('eGeMAPS building blocks with known answers', () => {
  it("spectral balance of a flat spectrum: alpha ratio = 10 log10(bins 1-5 kHz / bins < 1 kHz), Hammarberg 0 dB, flux 0, and openSMILE's slope of a constant", () => {
    const balance = new SpectralBalance(512, 16000);
    const out = new Float64Array(5);
    const flat = new Float64Array(257).fill(0.5);
    balance.compute(flat, out);
    balance.compute(flat, out);
    // bins of 31.25 Hz: 0..31 below 1 kHz (32), 32..160 from 1 to 5 kHz (129)
    expect(out[0]).toBeCloseTo(10 * Math.log10(129 / 32), 4);
    expect(out[1]).toBeCloseTo(0, 6);
    expect(out[4]).toBe(0);
    // cSpectral regresses with N = last bin - first bin, one less than the bins it sums, so a constant level c
    // has the slope c Sf (N - M) / (N S2f - Sf^2) (Sf, S2f: sums of f and f^2 over the M bins)
    const level = 10 * Math.log10(0.25);
    const quirk = (first: number, last: number) => {
      let sf = 0;
      let s2f = 0;
      for (let k = first; k <= last; k++) {
        sf += k * 31.25;
        s2f += (k * 31.25) ** 2;
      }
      const n = last - first;
      return (level * sf * (n - (last - first + 1))) / (n * s2f - sf * sf);
    };
    expect(out[2]).toBeCloseTo(quirk(0, 16), 9);
    expect(out[3]).toBeCloseTo(quirk(16, 48), 9);
  });

  it('LPC recovers an AR(2) process; polynomial roots of (z - 0.5)(z^2 + 1)', () => {
    // x[n] = 1.3 x[n-1] - 0.4 x[n-2] + e[n]  ->  A(z) = 1 - 1.3 z^-1 + 0.4 z^-2
    let state = 12345;
    const noise = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    const x = new Float64Array(20000);
    for (let i = 2; i < x.length; i++) x[i] = 1.3 * x[i - 1] - 0.4 * x[i - 2] + noise();
    const a = new Float64Array(2);
    levinsonLpc(x, new Float64Array(3), a);
    expect(a[0]).toBeCloseTo(-1.3, 1);
    expect(a[1]).toBeCloseTo(0.4, 1);
    const re = new Float64Array(3);
    const im = new Float64Array(3);
    polynomialRoots(Float64Array.of(-0.5, 1, -0.5, 1), re, im);
    const roots = Array.from(re, (r, k) => [r, im[k]]).sort((p, q) => p[1] - q[1]);
    expect(roots[0][0]).toBeCloseTo(0, 9);
    expect(roots[0][1]).toBeCloseTo(-1, 9);
    expect(roots[1][0]).toBeCloseTo(0.5, 9);
    expect(roots[2][1]).toBeCloseTo(1, 9);
  });

  it('functionals: stddevNorm, peaks of a sine contour, segments of a known pattern, percentiles of a ramp', () => {
    const m = meanAndStddevNorm(Float32Array.of(1, 3));
    expect(m.mean).toBe(2);
    expect(m.stddevNorm).toBeCloseTo(0.5, 6);
    // 2 Hz sine over 5 s at 100 frames/s: 10 maxima, rising slopes ~ (2 A) / 0.25 s (phase-shifted so no two
    // neighbouring frames tie at an extremum: openSMILE's extrema are strict)
    const sine = Float32Array.from({ length: 500 }, (_, i) => Math.sin((2 * Math.PI * 2 * i) / 100 + 0.3));
    const peaks = peakStatistics(sine, sine.length, 0.01);
    expect(peaks.peaksPerSecond).toBeCloseTo(10 / 5, 6);
    expect(peaks.meanRisingSlope).toBeGreaterThan(7);
    expect(peaks.meanRisingSlope).toBeLessThan(8.5);
    // voiced runs of 10 and 20 frames, separated by 5 unvoiced; openSMILE counts a run's length as frames - 1
    const pattern = Float32Array.from([...Array(5).fill(0), ...Array(10).fill(1), ...Array(5).fill(0), ...Array(20).fill(1), ...Array(10).fill(0)]);
    const voiced = segmentStatistics(pattern, pattern.length, 0.01, (v) => v !== 0);
    expect(voiced.segmentsPerSecond).toBeCloseTo(2 / 0.5, 6);
    expect(voiced.meanLength).toBeCloseTo(((9 + 19) / 2) * 0.01, 9);
    expect(voiced.stddevLength).toBeCloseTo(5 * 0.01, 9);
  });

  it('F0 percentiles interpolate between order statistics (a linear F0 glide: percentile = 20/50/80 % of the way)', async () => {
    // 150 -> 300 Hz exponential glide: semitones rise linearly in time
    const rate = 16000;
    const seconds = 2;
    const x = new Float32Array(rate * seconds);
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      const f = 150 * 2 ** (i / x.length);
      phase += (2 * Math.PI * f) / rate;
      let s = 0;
      for (let h = 1; h <= 8; h++) s += Math.sin(h * phase) / h;
      x[i] = 0.15 * s;
    }
    const row = (await egemaps.extract(audio(x), {}, context)).data;
    const at = (name: string) => row[EGEMAPS_FUNCTIONAL_NAMES.indexOf(`F0semitoneFrom27.5Hz_sma3nz_${name}`)];
    const low = 12 * Math.log2(150 / 27.5);
    for (const [name, p] of [['percentile20.0', 0.2], ['percentile50.0', 0.5], ['percentile80.0', 0.8]] as const) expect(at(name)).toBeCloseTo(low + 12 * p, 0);
    expect(at('pctlrange0-2')).toBeCloseTo(12 * 0.6, 0);
  });

  it('egemaps gives the 88 functionals in one row; egemaps-1hz one row per whole second, centred', async () => {
    const x = audio(withNoise(harmonicComplex(180, 3), 20));
    const file = await egemaps.extract(x, {}, context);
    expect(file.names).toEqual(EGEMAPS_FUNCTIONAL_NAMES);
    expect(file.rows).toBe(1);
    expect(file.data[EGEMAPS_FUNCTIONAL_NAMES.indexOf('F0semitoneFrom27.5Hz_sma3nz_amean')]).toBeCloseTo(12 * Math.log2(180 / 27.5), 0);
    const windows = await egemaps1Hz.extract(x, { window: 1, hop: 1 }, context);
    expect(windows.rows).toBe(2); // the third second's frequency contours end before its last frame
    expect(windows.times[0]).toBeCloseTo(0.5, 6);
    expect(Array.from(windows.data).every(Number.isFinite)).toBe(true);
  });
});
