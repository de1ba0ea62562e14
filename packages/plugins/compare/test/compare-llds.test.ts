import { dsp } from '@emotrans/core';
import { COMPARE_LLDS, COMPARE_TRACK_NAMES, compareLld, equalLoudnessWeight, rmsEnergy, zeroCrossingRate, ComparELldAnalyser, smoothAndDelta, COMPARE_FRAMING } from '@emotrans/plugin-compare';
import { pinkNoise, signal, sine, SR, whiteNoise } from './signals';

type Tracks = Map<string, Float32Array>;

/** compare-lld of a signal without the voicing module (fast); columns by name. */
function llds(samples: Float32Array): Tracks {
  const raw = new ComparELldAnalyser(SR).analyse(samples, null);
  const tracks = smoothAndDelta(raw);
  const out: Tracks = new Map();
  COMPARE_TRACK_NAMES.forEach((name, j) => out.set(name, tracks.data.subarray(j * tracks.frames, (j + 1) * tracks.frames)));
  return out;
}

/** Mean of a track over frames [from, to) (default: the middle, away from start-up effects). */
function mid(track: Float32Array, from = 20, to = track.length - 20): number {
  let s = 0;
  for (let i = from; i < to; i++) s += track[i];
  return s / (to - from);
}

function get(t: Tracks, name: string): Float32Array {
  const v = t.get(name);
  if (!v) throw new Error(`no track ${name}`);
  return v;
}

describe('ComParE energy-related LLDs', () => {
  it('RMS energy of a sine of amplitude A is A / sqrt(2) on the raw [-1, 1] sample scale', () => {
    for (const a of [0.05, 0.5, 0.9]) {
      expect(rmsEnergy(sine(440, 0.02, a).map((v) => v))).toBeCloseTo(a / Math.SQRT2, 2);
      expect(mid(get(llds(sine(440, 1, a)), 'pcm_RMSenergy_sma'))).toBeCloseTo(a / Math.SQRT2, 3);
    }
  });

  it('zero-crossing rate of a sine at f is 2 f / sample rate', () => {
    for (const f of [100, 500, 2000]) {
      expect(zeroCrossingRate(sine(f, 0.06, 0.3))).toBeCloseTo((2 * f) / SR, 2);
      expect(Math.abs(mid(get(llds(sine(f, 1, 0.3)), 'pcm_zcr_sma')) - (2 * f) / SR)).toBeLessThan(2 / 960);
    }
  });

  it('auditory-spectrum loudness follows the power law: doubling the amplitude multiplies it by 2^0.66', () => {
    const quiet = mid(get(llds(sine(700, 1, 0.1)), 'audspec_lengthL1norm_sma'));
    const loud = mid(get(llds(sine(700, 1, 0.2)), 'audspec_lengthL1norm_sma'));
    expect(loud / quiet).toBeCloseTo(2 ** 0.66, 3);
  });

  it('RASTA removes the stationary part: a steady tone leaves only the equal-loudness weights, w^0.33', () => {
    const t = llds(sine(1000, 2, 0.5));
    const bank = dsp.triangularFilterbank({ fftSize: 512, sampleRate: SR, bands: 26, lowHz: 20, highHz: 8000 });
    for (const m of [0, 8, 17, 25]) {
      const track = get(t, `audSpec_Rfilt_sma[${m}]`);
      expect(mid(track, 150, 190)).toBeCloseTo(equalLoudnessWeight(bank.centres[m]) ** 0.33, 3);
    }
  });
});

describe('ComParE spectral LLDs', () => {
  it('the spectral centroid of a sine at f is f', () => {
    for (const f of [440, 1000, 3000, 5500]) expect(Math.abs(mid(get(llds(sine(f, 0.5, 0.5)), 'pcm_fftMag_spectralCentroid_sma')) - f)).toBeLessThan(20);
  });

  it('every roll-off point of a pure tone lies at the tone (within one bin of 31.25 Hz either side)', () => {
    for (const f of [700, 2500]) {
      const t = llds(sine(f, 0.5, 0.5));
      for (const r of ['25.0', '50.0', '75.0', '90.0']) expect(Math.abs(mid(get(t, `pcm_fftMag_spectralRollOff${r}_sma`)) - f)).toBeLessThanOrEqual(31.25 + 1e-3);
    }
  });

  it('band energy of a tone follows Parseval: A^2 / 2 x sum of the squared Hamming window, in its band only', () => {
    const a = 0.5;
    const window = dsp.hammingWindow(320);
    const expected = ((a * a) / 2) * window.reduce((s, w) => s + w * w, 0);
    const t = llds(sine(2000, 0.5, a));
    expect(mid(get(t, 'pcm_fftMag_fband1000-4000_sma')) / expected).toBeCloseTo(1, 2);
    expect(mid(get(t, 'pcm_fftMag_fband250-650_sma'))).toBeLessThan(1e-3 * expected);
    const low = llds(sine(400, 0.5, a));
    expect(mid(get(low, 'pcm_fftMag_fband250-650_sma')) / expected).toBeCloseTo(1, 2);
  });

  it('white noise: flat spectrum moments (uniform on 0-8 kHz: variance 8000^2/12, skewness 0, kurtosis 1.8), high entropy', () => {
    const t = llds(whiteNoise(1, 0.1));
    expect(mid(get(t, 'pcm_fftMag_spectralCentroid_sma')) / 4000).toBeCloseTo(1, 1);
    expect(mid(get(t, 'pcm_fftMag_spectralVariance_sma')) / (8000 ** 2 / 12)).toBeCloseTo(1, 1);
    expect(Math.abs(mid(get(t, 'pcm_fftMag_spectralSkewness_sma')))).toBeLessThan(0.1);
    expect(mid(get(t, 'pcm_fftMag_spectralKurtosis_sma'))).toBeCloseTo(1.8, 1);
    // exponentially distributed bin powers: entropy ~ log2(256) - (1 - Euler's gamma) / ln 2 = 7.39 bits
    expect(mid(get(t, 'pcm_fftMag_spectralEntropy_sma'))).toBeGreaterThan(7.1);
    expect(mid(get(llds(sine(1000, 0.5, 0.5)), 'pcm_fftMag_spectralEntropy_sma'))).toBeLessThan(3);
  });

  it('spectral slope: ~0 for white noise, clearly negative for pink noise; a tone has no flux, noise does (scaling with amplitude)', () => {
    const white = llds(whiteNoise(1, 0.1));
    const pink = llds(pinkNoise(1, 0.1));
    const whiteSlope = mid(get(white, 'pcm_fftMag_spectralSlope_sma'));
    const pinkSlope = mid(get(pink, 'pcm_fftMag_spectralSlope_sma'));
    expect(pinkSlope).toBeLessThan(0);
    expect(Math.abs(whiteSlope)).toBeLessThan(0.1 * Math.abs(pinkSlope));
    expect(mid(get(pink, 'pcm_fftMag_spectralCentroid_sma'))).toBeLessThan(0.5 * mid(get(white, 'pcm_fftMag_spectralCentroid_sma')));
    const flux = mid(get(white, 'pcm_fftMag_spectralFlux_sma'));
    expect(mid(get(llds(whiteNoise(1, 0.2)), 'pcm_fftMag_spectralFlux_sma')) / flux).toBeCloseTo(2, 1);
    expect(mid(get(llds(sine(1000, 1, 0.5)), 'pcm_fftMag_spectralFlux_sma'))).toBeLessThan(1e-6 * flux);
  });

  it('psychoacoustic sharpness of a tone below 16 Bark is 0.11 x its Bark frequency', () => {
    for (const f of [500, 1000, 2000]) expect(mid(get(llds(sine(f, 0.5, 0.5)), 'pcm_fftMag_psySharpness_sma'))).toBeCloseTo(0.11 * dsp.hzToBark(f), 1);
  });

  it('MFCCs ignore overall gain (only c0 would change) and are larger for a peaky tone than for white noise', () => {
    const a = llds(whiteNoise(1, 0.05, 3));
    const b = llds(whiteNoise(1, 0.2, 3));
    for (let i = 1; i <= 14; i++) expect(mid(get(b, `mfcc_sma[${i}]`))).toBeCloseTo(mid(get(a, `mfcc_sma[${i}]`)), 3);
    const energy = (t: Tracks) => Array.from({ length: 14 }, (_, i) => mid(get(t, `mfcc_sma[${i + 1}]`)) ** 2).reduce((x, y) => x + y, 0);
    expect(energy(llds(sine(1000, 1, 0.2)))).toBeGreaterThan(10 * energy(a));
  });
});

describe('smoothing and deltas', () => {
  it('the delta of RMS energy under a linear amplitude ramp is the per-frame slope of the RMS', () => {
    const seconds = 2;
    const growth = 0.4; // amplitude per second
    const samples = Float32Array.from({ length: seconds * SR }, (_, i) => growth * (i / SR) * Math.sin((2 * Math.PI * 500 * i) / SR));
    const t = llds(samples);
    const expected = (growth * COMPARE_FRAMING.hopSeconds) / Math.SQRT2;
    expect(mid(get(t, 'pcm_RMSenergy_sma_de')) / expected).toBeCloseTo(1, 2);
    expect(Math.abs(mid(get(llds(sine(500, 1, 0.3)), 'pcm_RMSenergy_sma_de')))).toBeLessThan(1e-6);
  });
});

describe('compare-lld feature set', () => {
  it('declares 130 named columns at 100 frames per second, at the native rate unless sampleRate is given', () => {
    const info = compareLld.describe({});
    expect(info.names).toHaveLength(130);
    expect(info.frameRate).toBe(100);
    expect(info.sampleRate).toBeUndefined();
    expect(compareLld.describe({ sampleRate: 22050 })).toMatchObject({ sampleRate: 22050, frameRate: 22050 / 221 });
    expect(COMPARE_LLDS).toHaveLength(65);
  });

  it('silence gives finite values everywhere, rows at frame centres', async () => {
    const m = await compareLld.extract(signal(new Float32Array(SR)), {}, {} as never);
    expect(m.rows).toBe(96); // whole 60 ms frames every 10 ms in 1 s (95), plus openSMILE's end-of-input row
    expect(m.times[0]).toBeCloseTo(0.01, 12);
    expect(m.times[1] - m.times[0]).toBeCloseTo(0.01, 12);
    expect(m.data.every((v) => Number.isFinite(v))).toBe(true);
  });
});
