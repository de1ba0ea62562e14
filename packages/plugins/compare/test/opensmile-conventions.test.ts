/**
 * openSMILE conventions of the ComParE chain that a comparison with SMILExtract brought to light (see
 * VALIDATION.md): frame count and end-of-input row, edge handling of the smoother and deltas, the `ll1`
 * loudness norm, the mel bank's edge bins and the entropy floors. Expected values follow from the
 * definitions, on synthetic inputs.
 */
import { dsp } from '@emotrans/core';
import { ComparELldAnalyser, COMPARE_TRACK_NAMES, compareFrameCount, equalLoudnessWeight, rmsEnergy, smoothAndDelta, SpectralDescriptors } from '@emotrans/plugin-compare';
import { smoothContour } from '../src/lld/contour-smoother';
import { comparEMelBank } from '../src/lld/mel-bank';
import { segmentDelta, segmentDeltasOpensmile } from '../src/lld/segment-delta';
import { ENTROPY_FLOOR } from '../src/lld/spectral-descriptors';
import { sine, SR, whiteNoise } from './signals';

function tracks(samples: Float32Array): Map<string, Float32Array> {
  const t = smoothAndDelta(new ComparELldAnalyser(SR).analyse(samples, null));
  return new Map(COMPARE_TRACK_NAMES.map((name, j) => [name, t.data.subarray(j * t.frames, (j + 1) * t.frames)]));
}

describe('frame grid', () => {
  it('rows = whole 60 ms frames (every 10 ms) + 1 end-of-input row; none below 60 ms', () => {
    const expected = (n: number) => (n < 960 ? 0 : Math.floor((n - 960) / 160) + 2);
    for (const n of [0, 319, 500, 959, 960, 1119, 1120, 1280, 16000, 16080, 16159, 48000]) {
      expect(compareFrameCount(n, SR)).toBe(expected(n));
    }
    expect(compareFrameCount(16000, SR)).toBe(96);
  });

  it('the 60 ms zero-crossing rate holds up to the last row (no zero-padded frames past the end)', () => {
    for (const f of [300, 1000]) {
      const zcr = tracks(sine(f, 1, 0.3)).get('pcm_zcr_sma')!;
      expect(zcr.length).toBe(96);
      for (let i = 0; i < zcr.length; i++) expect(Math.abs(zcr[i] - (2 * f) / SR)).toBeLessThan(2 / 960);
    }
  });
});

describe('contour smoothing and deltas at the edges', () => {
  it('3-frame average repeats the first value before the start and reads look-ahead frames (else repeats the last)', () => {
    const out = new Float32Array(4);
    expect(Array.from(smoothContour(Float32Array.of(3, 6, 9, 12), out))).toEqual([4, 6, 9, 11]);
    expect(Array.from(smoothContour(Float32Array.of(3, 6, 9, 12, 0), out))).toEqual([4, 6, 9, 7]);
  });

  it('skipping zeros: zero frames stay 0 and are left out of their neighbours\' averages', () => {
    const out = new Float32Array(5);
    expect(Array.from(smoothContour(Float32Array.of(0, 4, 8, 0, 2), out, 3, true))).toEqual([0, 6, 6, 0, 2]);
  });

  it('RMS energy rows: first = (2 r0 + r1) / 3, last = (r[n-2] + r[n-1] + RMS of the next 20 ms frame) / 3', () => {
    const samples = whiteNoise(0.5, 0.1, 5).map((v, i) => v * (1 + i / 4000)); // rising level
    const raw = new ComparELldAnalyser(SR).analyse(samples, null);
    const n = raw.frames;
    const stride = raw.stride ?? n;
    expect(stride).toBe(n + 3); // every whole 20 ms frame is analysed
    const j = COMPARE_TRACK_NAMES.indexOf('pcm_RMSenergy_sma');
    const r = raw.data.subarray(j * stride, j * stride + n);
    for (let i = 0; i < n; i++) expect(r[i]).toBeCloseTo(rmsEnergy(samples.subarray(160 * i, 160 * i + 320)), 6);
    const smoothed = tracks(samples).get('pcm_RMSenergy_sma')!;
    expect(smoothed[0]).toBeCloseTo((2 * r[0] + r[1]) / 3, 6);
    expect(smoothed[5]).toBeCloseTo((r[4] + r[5] + r[6]) / 3, 6);
    const next = rmsEnergy(samples.subarray(160 * n, 160 * n + 320));
    expect(smoothed[n - 1]).toBeCloseTo((r[n - 2] + r[n - 1] + next) / 3, 6);
  });

  it('deltas at the ends: energy level repeats its last row (0.4 s first, 0.8 s and 0.5 s last), spectral level reads on', () => {
    // RMS rising linearly by s per frame: smoothed rows stay on the line except row 0, (2 r0 + r1) / 3
    const growth = 0.3; // amplitude per second
    const samples = Float32Array.from({ length: SR }, (_, i) => (0.05 + growth * (i / SR)) * Math.sin((2 * Math.PI * 500 * i) / SR));
    const s = (growth * 0.01) / Math.SQRT2;
    const t = tracks(samples);
    const d = t.get('pcm_RMSenergy_sma_de')!;
    const n = d.length;
    expect(d[50] / s).toBeCloseTo(1, 2);
    expect(d[0] / s).toBeCloseTo(0.4, 2);
    expect(d[n - 2] / s).toBeCloseTo(0.8, 2);
    expect(d[n - 1] / s).toBeCloseTo(0.5, 2);
    // linear chirp 1000 -> 3000 Hz in 1 s: the centroid rises 20 Hz per frame, and so does its delta up to
    // the last row, because the spectral level's deltas read the following 20 ms frames
    let phase = 0;
    const chirp = Float32Array.from({ length: SR }, (_, i) => {
      phase += (2 * Math.PI * (1000 + 2000 * (i / SR))) / SR;
      return 0.3 * Math.sin(phase);
    });
    const c = tracks(chirp).get('pcm_fftMag_spectralCentroid_sma_de')!;
    for (const i of [50, c.length - 2, c.length - 1]) expect(Math.abs(c[i] - 20)).toBeLessThan(1);
  });

  it('segment deltas: the slope inside a segment, only pairs with both ends voiced (none past the end), 0 without any', () => {
    const out = new Float32Array(6);
    // ramp 1..4 between zeros: t = 2, 3 have one usable pair (k = 1) -> slope 1; t = 1, 4 have none
    expect(Array.from(segmentDelta(Float32Array.of(0, 1, 2, 3, 4, 0), out))).toEqual([0, 0, 1, 1, 0, 0]);
    // a long ramp: the ordinary W = 2 regression slope
    const ramp = Float32Array.from({ length: 9 }, (_, i) => 10 + 3 * i);
    expect(segmentDelta(ramp, new Float32Array(9))[4]).toBeCloseTo(3, 6);
    // voiced up to the end: the first value is repeated before the start, nothing follows the last row
    const toEnd = segmentDelta(Float32Array.of(1, 2, 3, 4, 5), new Float32Array(5));
    [0.5, 0.8, 1, 1, 0].forEach((v, i) => expect(toEnd[i]).toBeCloseTo(v, 6));
    // a single zero with voiced frames on both sides still gets the delta of the pairs around it
    expect(segmentDelta(Float32Array.of(1, 2, 0, 4, 5), new Float32Array(5))[2]).toBeCloseTo((1 * (4 - 2) + 2 * (5 - 1)) / 10, 6);
  });
});

describe('auditory-spectrum loudness norms (`ll1`)', () => {
  it('are the mean over the 26 bands: a steady tone\'s RASTA norm is the mean of the weights^0.33', () => {
    const t = tracks(sine(1000, 2, 0.5));
    const bank = dsp.triangularFilterbank({ fftSize: 512, sampleRate: SR, bands: 26, lowHz: 20, highHz: 8000 });
    const expected = Array.from(bank.centres, (f) => equalLoudnessWeight(f) ** 0.33).reduce((a, b) => a + b, 0) / 26;
    const norm = t.get('audspecRasta_lengthL1norm_sma')!;
    expect(norm[170] / expected).toBeCloseTo(1, 3);
  });

  it('digital silence: every band at the 9.3e-10 floor, norm = mean of (floor x weight)^0.33', () => {
    const t = tracks(new Float32Array(SR / 2));
    const bank = dsp.triangularFilterbank({ fftSize: 512, sampleRate: SR, bands: 26, lowHz: 20, highHz: 8000 });
    const expected = Array.from(bank.centres, (f) => (9.3e-10 * equalLoudnessWeight(f)) ** 0.33).reduce((a, b) => a + b, 0) / 26;
    expect(t.get('audspec_lengthL1norm_sma')![10] / expected).toBeCloseTo(1, 4);
  });
});

describe('mel filterbank edge bins', () => {
  it('only bins strictly between round(20 Hz / bin width) and round(8000 Hz / bin width) feed the bands', () => {
    const options = { fftSize: 512, sampleRate: SR, bands: 26, lowHz: 20, highHz: 8000 };
    const plain = dsp.triangularFilterbank(options);
    const bank = comparEMelBank(options);
    const weightOf = (b: dsp.Filterbank, m: number, k: number) => (k >= b.first[m] && k < b.first[m] + b.length[m] ? b.weights[b.offset[m] + k - b.first[m]] : 0);
    // 20 Hz is nearest to bin 1 (31.25 Hz): the plain triangle gives bin 1 its rising-edge weight in band 0,
    // (mel(31.25) - mel(20)) / mel step, openSMILE's bank none
    const step = (dsp.hzToMel(8000) - dsp.hzToMel(20)) / 27;
    expect(weightOf(plain, 0, 1)).toBeCloseTo((dsp.hzToMel(31.25) - dsp.hzToMel(20)) / step, 6);
    for (let m = 0; m < 26; m++) {
      expect(weightOf(bank, m, 0)).toBe(0);
      expect(weightOf(bank, m, 1)).toBe(0);
      expect(weightOf(bank, m, 256)).toBe(0);
      for (let k = 2; k < 256; k++) expect(weightOf(bank, m, k)).toBe(weightOf(plain, m, k));
    }
  });
});

describe('spectral entropy floors', () => {
  const analyse = (power: Float64Array) => {
    const out = new Float64Array(15);
    const d = new SpectralDescriptors(512, SR);
    d.compute(power.map(Math.sqrt), power, out);
    return out[8];
  };

  it('a flat spectrum above the floor has log2(256) = 8 bits', () => {
    expect(analyse(new Float64Array(257).fill(0.01))).toBeCloseTo(8, 10);
  });

  it('bins below the floor count as the floor while the sum does not grow: 256 bins of 1e-9 give 256 p log2(1/p), p = 1e-7 / 2.56e-7', () => {
    const p = ENTROPY_FLOOR / (256 * 1e-9);
    expect(analyse(new Float64Array(257).fill(1e-9))).toBeCloseTo(-256 * p * Math.log2(p), 6);
  });
});

describe("openSMILE 3.0's growing onlyInSegments normaliser", () => {
  it('divides by one running total shared by the fields: 10 plus k^2 per contributing pair, frame by frame', () => {
    const a = Float32Array.of(1, 2, 3, 4, 5);
    const b = new Float32Array(5);
    const outA = new Float32Array(5);
    const outB = new Float32Array(5);
    segmentDeltasOpensmile([a, b], [outA, outB]);
    // t=0: pairs (1,2) k=1 and (1,3) k=2 -> 5 / (10 + 1 + 4); t=1: 8 / 20; t=2: 10 / 25; t=3: only k=1 (k=2 runs
    // past the end) -> 2 / 26; t=4: no pair -> 0. The all-zero field contributes nothing and gets 0.
    expect(Array.from(outA)).toEqual([5 / 15, 8 / 20, 10 / 25, 2 / 26, 0].map(Math.fround));
    expect(Array.from(outB)).toEqual([0, 0, 0, 0, 0]);
    // The per-frame normaliser of the same pairs: 2 sum k^2 of the pairs used.
    expect(Array.from(segmentDelta(a, new Float32Array(5)))).toEqual([5 / 10, 8 / 10, 10 / 10, 2 / 2, 0].map(Math.fround));
  });
});
