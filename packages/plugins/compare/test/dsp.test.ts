import { dsp } from '@emotrans/core';
import { SR, sine } from './signals';

describe('dsp building blocks', () => {
  it('frames: count and zero-padded reads', () => {
    expect(dsp.frameCount(16000, 320, 160)).toBe(99);
    expect(dsp.frameCount(100, 320, 160)).toBe(0);
    const out = new Float32Array(4);
    dsp.readFrame(Float32Array.of(1, 2, 3), 1, out);
    expect(Array.from(out)).toEqual([2, 3, 0, 0]);
  });

  it('windows match their textbook definitions', () => {
    const h = dsp.hammingWindow(5);
    expect(h[0]).toBeCloseTo(0.08, 12);
    expect(h[2]).toBeCloseTo(1, 12);
    const g = dsp.gaussianWindow(101, 0.4);
    expect(g[50]).toBeCloseTo(1, 12);
    // at the ends t = 1 / sigma = 2.5
    expect(g[0]).toBeCloseTo(Math.exp(-0.5 * 2.5 * 2.5), 12);
  });

  it('the FFT power spectrum equals a direct DFT', () => {
    const n = 64;
    const x = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i * 0.7) + 0.3 * Math.cos(i * 2.1) + (i % 3) * 0.1);
    const analyser = new dsp.SpectrumAnalyser(n);
    const power = new Float64Array(analyser.bins);
    const mag = new Float64Array(analyser.bins);
    analyser.analyse(x, null, mag, power);
    for (let k = 0; k <= n / 2; k++) {
      let re = 0;
      let im = 0;
      for (let t = 0; t < x.length; t++) {
        re += x[t] * Math.cos((2 * Math.PI * k * t) / n);
        im -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
      }
      expect(power[k]).toBeCloseTo(re * re + im * im, 8);
      expect(mag[k]).toBeCloseTo(Math.sqrt(re * re + im * im), 8);
    }
  });

  it('mel and bark scales round-trip and hit known points', () => {
    expect(dsp.hzToMel(1000)).toBeCloseTo(1000, -1); // ~1000 mel at 1 kHz by construction of the scale
    for (const f of [50, 300, 1000, 4000, 7900]) {
      expect(dsp.melToHz(dsp.hzToMel(f))).toBeCloseTo(f, 6);
      expect(dsp.barkToHz(dsp.hzToBark(f))).toBeCloseTo(f, 6);
    }
    expect(dsp.hzToBark(1000)).toBeCloseTo(8.5, 0); // Zwicker: 1 kHz is about 8.5 Bark
  });

  it('a triangular filterbank passes a tone only through the bands around it', () => {
    const bank = dsp.triangularFilterbank({ fftSize: 512, sampleRate: SR, bands: 26, lowHz: 20, highHz: 8000, scale: 'mel' });
    expect(bank.centres.length).toBe(26);
    for (let m = 1; m < 26; m++) expect(bank.centres[m]).toBeGreaterThan(bank.centres[m - 1]);
    const power = new Float64Array(257);
    power[64] = 1; // 2000 Hz
    const out = new Float64Array(26);
    dsp.applyFilterbank(bank, power, out);
    const loudest = out.indexOf(Math.max(...out));
    expect(Math.abs(bank.centres[loudest] - 2000)).toBeLessThan(200);
    // two adjacent triangles share the bin: weights sum to 1
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('moving average over 3 frames, shrinking at the edges; skipZeros keeps gaps', () => {
    expect(Array.from(dsp.movingAverage(Float32Array.of(3, 6, 9, 12)))).toEqual([4.5, 6, 9, 10.5]);
    expect(Array.from(dsp.movingAverage(Float32Array.of(0, 4, 8, 0, 2), 3, undefined, true))).toEqual([0, 6, 6, 0, 2]);
  });

  it('regression deltas of a linear ramp equal its slope away from the edges', () => {
    const ramp = Float32Array.from({ length: 20 }, (_, i) => 0.5 * i + 1);
    const d = dsp.regressionDelta(ramp, 2);
    for (let t = 2; t < 18; t++) expect(d[t]).toBeCloseTo(0.5, 6);
    // a constant has zero delta everywhere
    expect(Array.from(dsp.regressionDelta(new Float32Array(6).fill(3)))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('windows of frames: floor(duration) one-second windows, each covering its own 100 frames', () => {
    const w = dsp.frameWindows(3.7, 100, 368, 1, 1);
    expect(w.count).toBe(3);
    expect(Array.from(w.start)).toEqual([0, 100, 200]);
    expect(Array.from(w.end)).toEqual([100, 200, 300]);
    expect(Array.from(w.times)).toEqual([0.5, 1.5, 2.5]);
    const half = dsp.frameWindows(3, 100, 298, 1, 0.5);
    expect(half.count).toBe(5);
    expect(Array.from(half.start)).toEqual([0, 50, 100, 150, 200]);
    expect(half.end[4]).toBe(298); // clamped to the frames that exist
    const track = Float32Array.from({ length: 300 }, (_, i) => (i < 100 ? 1 : i % 2));
    const mean = new Float32Array(3);
    const std = new Float32Array(3);
    dsp.windowMeanStd(track, w, mean, std);
    expect(Array.from(mean)).toEqual([1, 0.5, 0.5]);
    expect(Array.from(std)).toEqual([0, 0.5, 0.5]);
  });
});
