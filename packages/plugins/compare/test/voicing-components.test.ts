import { COMPARE_PITCH } from '../src/voicing';
import { OctaveSpectrum } from '../src/voicing/octave-spectrum';
import { SubharmonicSummation } from '../src/voicing/subharmonic-summation';
import { frequencyRangeCost, smoothPitchViterbi } from '../src/voicing/viterbi-pitch-smoother';

const BINS = 513;
const BIN_HZ = 16000 / 1024;

/** A linear magnitude spectrum with narrow peaks (3 bins, triangular) at the given frequencies. */
function peaks(frequencies: readonly number[], amplitudes: readonly number[]): Float64Array {
  const m = new Float64Array(BINS);
  frequencies.forEach((f, i) => {
    const k = Math.round(f / BIN_HZ);
    if (k + 1 >= BINS) return;
    m[k] += amplitudes[i];
    m[k - 1] += 0.5 * amplitudes[i];
    m[k + 1] += 0.5 * amplitudes[i];
  });
  return m;
}

describe('octave-scale spectrum', () => {
  const octave = new OctaveSpectrum(BINS, BIN_HZ, 25);

  it('spans 25 Hz to Nyquist on an equidistant log2 grid with as many points as bins', () => {
    expect(octave.size).toBe(BINS);
    expect(Math.pow(2, octave.log2At(0))).toBeCloseTo(25, 9);
    expect(Math.pow(2, octave.log2At(BINS - 1))).toBeCloseTo(8000, 6);
    expect(octave.pointsPerOctave).toBeCloseTo(BINS / Math.log2(8000 / 25), 9);
  });

  it.each([200, 440, 1000, 3000])('puts the peak of a %d Hz partial at log2(f) (within one bin)', (f) => {
    const out = new Float64Array(BINS);
    octave.transform(peaks([f], [1]), out);
    let best = 0;
    for (let i = 1; i < BINS; i++) if (out[i] > out[best]) best = i;
    const hz = Math.pow(2, octave.log2At(best));
    expect(Math.abs(hz - f)).toBeLessThan(BIN_HZ);
  });

  it('is never negative and zero for a zero spectrum', () => {
    const out = new Float64Array(BINS);
    octave.transform(peaks([100, 150, 2500], [1, 0.3, 2]), out);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    octave.transform(new Float64Array(BINS), out);
    expect(Math.max(...out)).toBe(0);
  });
});

describe('octave-scale spectrum: peak enhancement (openSMILE cSpecScale rules)', () => {
  const octave = new OctaveSpectrum(BINS, BIN_HZ, 25);
  /** Output point nearest to f Hz. */
  const at = (out: Float64Array, f: number) => out[Math.round((Math.log2(f) - octave.log2At(0)) / (octave.log2At(1) - octave.log2At(0)))];

  it('zeroes the points between two maxima more than two bins from both, keeps those outside the outer maxima', () => {
    // A flat floor of 0.01 with peaks at bins 100 and 300: the floor between bins 103 and 297 is zeroed; the
    // floor below bin 98 and above bin 302 has no maximum on one side and stays.
    const m = new Float64Array(BINS).fill(0.01);
    m[100] = 1;
    m[300] = 1;
    const out = new Float64Array(BINS);
    octave.transform(m, out);
    expect(at(out, 40 * BIN_HZ)).toBeGreaterThan(0.005); // below the first maximum (weighting ~1 there)
    expect(at(out, 400 * BIN_HZ)).toBeGreaterThan(0.005); // above the last
    expect(Math.abs(at(out, 200 * BIN_HZ))).toBeLessThan(1e-3); // between the two
  });

  it('with a single maximum, only the points within two bins of it stay', () => {
    const m = new Float64Array(BINS).fill(0.01);
    m[100] = 1;
    const out = new Float64Array(BINS);
    octave.transform(m, out);
    expect(Math.abs(at(out, 40 * BIN_HZ))).toBeLessThan(1e-3);
    expect(Math.abs(at(out, 300 * BIN_HZ))).toBeLessThan(1e-3);
    expect(at(out, 100 * BIN_HZ)).toBeGreaterThan(0.3);
  });
});

describe('subharmonic summation', () => {
  const octave = new OctaveSpectrum(BINS, BIN_HZ, 25);
  const shs = new SubharmonicSummation(octave, 15, 0.85, 52, 620, 6);
  const f0 = new Float32Array(6);
  const voicing = new Float32Array(6);
  const out = new Float64Array(BINS);

  it.each([100, 180, 310])('the best candidate of harmonics 1-10 of %d Hz is that fundamental, with high voicing', (f) => {
    const harmonics = Array.from({ length: 10 }, (_, h) => (h + 1) * f);
    octave.transform(peaks(harmonics, harmonics.map((_, h) => 1 / (h + 1))), out);
    const found = shs.candidates(out, f0, voicing, 0);
    expect(found).toBeGreaterThan(1);
    expect(Math.abs(f0[0] - f) / f).toBeLessThan(0.02);
    expect(voicing[0]).toBeGreaterThan(COMPARE_PITCH.voicingCutoff);
    // Candidates come best first and lie inside the F0 range.
    for (let c = 1; c < found; c++) expect(voicing[c]).toBeLessThanOrEqual(voicing[0]);
    for (let c = 0; c < found; c++) expect(f0[c] >= 52 && f0[c] <= 620).toBe(true);
  });

  it('the F0 range applies to the interpolated candidate frequency (as openSMILE), not to the peak bin', () => {
    const harmonics = Array.from({ length: 10 }, (_, h) => (h + 1) * 317);
    octave.transform(peaks(harmonics, harmonics.map((_, h) => 1 / (h + 1))), out);
    shs.candidates(out, f0, voicing, 0);
    const best = f0[0];
    const f = new Float32Array(6);
    const v = new Float32Array(6);
    // Just above: kept (even when its peak bin lies above the limit); just below: dropped.
    new SubharmonicSummation(octave, 15, 0.85, 52, best * (1 + 1e-6), 6).candidates(out, f, v, 0);
    expect(f[0]).toBe(best);
    const n = new SubharmonicSummation(octave, 15, 0.85, 52, best * (1 - 1e-6), 6).candidates(out, f, v, 0);
    for (let c = 0; c < n; c++) expect(f[c]).not.toBe(best);
  });

  it('a missing fundamental is still found from its harmonics (2-8 of 150 Hz)', () => {
    const harmonics = Array.from({ length: 7 }, (_, h) => (h + 2) * 150);
    octave.transform(peaks(harmonics, harmonics.map(() => 1)), out);
    shs.candidates(out, f0, voicing, 0);
    expect(Math.abs(f0[0] - 150) / 150).toBeLessThan(0.02);
  });

  it('writes zeros (no candidates) for a zero spectrum', () => {
    octave.transform(new Float64Array(BINS), out);
    expect(shs.candidates(out, f0, voicing, 0)).toBe(0);
    expect(Math.max(...f0, ...voicing)).toBe(0);
  });
});

describe('Viterbi pitch smoothing', () => {
  const weights = COMPARE_PITCH.viterbi;

  it('stays on a continuous track instead of following a one-frame octave jump with slightly higher voicing', () => {
    const frames = 20;
    const candF0 = new Float32Array(frames * 2);
    const candVoicing = new Float32Array(frames * 2);
    for (let t = 0; t < frames; t++) {
      candF0[2 * t] = 200;
      candVoicing[2 * t] = 0.85;
      candF0[2 * t + 1] = 400;
      candVoicing[2 * t + 1] = 0.75;
    }
    // Frame 10: the octave-up candidate is (slightly) the best locally.
    candF0[20] = 400;
    candVoicing[20] = 0.88;
    candF0[21] = 200;
    candVoicing[21] = 0.84;
    const f0 = new Float32Array(frames);
    const v = new Float32Array(frames);
    smoothPitchViterbi(candF0, candVoicing, 2, frames, COMPARE_PITCH.voicingCutoff, weights, f0, v);
    expect(Array.from(f0)).toEqual(new Array(frames).fill(200));
    expect(v[10]).toBeCloseTo(0.84, 6);
  });

  it('calls frames unvoiced where no candidate reaches the cutoff, and reports candidate 0 voicing there', () => {
    const frames = 30;
    const candF0 = new Float32Array(frames).fill(150);
    const candVoicing = new Float32Array(frames);
    for (let t = 0; t < frames; t++) candVoicing[t] = t >= 10 && t < 20 ? 0.3 : 0.9;
    const f0 = new Float32Array(frames);
    const v = new Float32Array(frames);
    smoothPitchViterbi(candF0, candVoicing, 1, frames, COMPARE_PITCH.voicingCutoff, weights, f0, v);
    for (let t = 0; t < frames; t++) expect(f0[t]).toBe(t >= 10 && t < 20 ? 0 : 150);
    expect(v[15]).toBeCloseTo(0.3, 6);
  });

  it('handles zero frames and frames without candidates', () => {
    const f0 = new Float32Array(3);
    const v = new Float32Array(3);
    smoothPitchViterbi(new Float32Array(0), new Float32Array(0), 6, 0, 0.7, weights, f0, v);
    smoothPitchViterbi(new Float32Array(18), new Float32Array(18), 6, 3, 0.7, weights, f0, v);
    expect(Array.from(f0)).toEqual([0, 0, 0]);
    expect(Array.from(v)).toEqual([0, 0, 0]);
  });
});

describe("openSMILE's Viterbi details", () => {
  const weights = COMPARE_PITCH.viterbi;

  it('frequency range cost: 1 - f/100 below 100 Hz, 0 to 350 Hz, (f - 350)/250 to 600 Hz, 1.2 above, 2 for no candidate', () => {
    expect([50, 100, 349, 350, 475, 600, 900, 0].map(frequencyRangeCost)).toEqual([0.5, 0, 0, 0, 0.5, 1.2, 1.2, 2]);
  });

  it('judges the first voiced pair of a file against a change of 1, so a short voiced start stays unvoiced (a longer one does not)', () => {
    // Frames 0-3 of a speech excerpt that starts mid-word (SMILExtract's candidates at 16 kHz): SMILExtract calls
    // frames 0 and 1 unvoiced. Path costs: U U U = 8 + 1 + 8 + 1 + 0 = 18; V V U = 0.59 + (10 |r| + 10 |r - 1|
    // = 10.6) + 0.66 + 10 = 21.8 with r = ln(113.24 / 116.52); with a reference of 0 it would be 11.8 (voiced).
    const candF0 = Float32Array.of(116.52, 58.25, 113.24, 55.73, 110.15, 55.22, 0, 0);
    const candVoicing = Float32Array.of(0.7439, 0.6612, 0.7195, 0.6466, 0.6566, 0.6062, 0, 0);
    const f0 = new Float32Array(4);
    const v = new Float32Array(4);
    smoothPitchViterbi(candF0, candVoicing, 2, 4, COMPARE_PITCH.voicingCutoff, weights, f0, v, 30);
    expect(Array.from(f0)).toEqual([0, 0, 0, 0]);
    // One more voiced frame before them and the voiced path wins despite the first pair's cost (U x 4 = 27 against
    // 0.60 + 10.3 + 0.59 + 0.57 + 0.66 + 10 = 22.7).
    const longer = new Float32Array(5);
    smoothPitchViterbi(Float32Array.of(120, 60, ...candF0), Float32Array.of(0.74, 0.65, ...candVoicing), 2, 5, COMPARE_PITCH.voicingCutoff, weights, longer, new Float32Array(5), 30);
    expect(Array.from(longer)).toEqual([120, 116.52, 113.24, 0, 0].map(Math.fround));
  });
});
