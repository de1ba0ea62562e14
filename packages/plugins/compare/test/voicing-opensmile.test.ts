import { compareLld } from '../src/feature-sets/compare-lld';
import { voicingTracks } from '../src/voicing';
import { RunningMinimumAcceptance } from '../src/voicing/opensmile-period-acceptance';
import { OpensmilePeriodStatistics } from '../src/voicing/opensmile-period-statistics';
import { analysePeriodsOpensmile } from '../src/voicing/opensmile-voice-quality';
import type { VoiceQualityTracks } from '../src/voicing/period-analysis';
import { addNoise, frameCountFor, median, pulseTrain, sine } from './voicing-signals';

const SR = 16000;
const HOP = 160; // 10 ms
const FRAME = 960; // 60 ms
const SETTINGS = { searchRangeRel: 0.25, logHnrFloor: -100 };

/** Runs one frame of accepted periods (ms) with amplitude pairs through the statistics. */
function frame(stats: OpensmilePeriodStatistics, periodsMs: number[], amplitudes: Array<[number, number]> = []): { local: number; ddp: number; shimmer: number } {
  stats.beginFrame();
  periodsMs.forEach((p, k) => stats.addPeriod(p / 1000, ...(amplitudes[k] ?? [1, 1])));
  stats.endFrame();
  return { local: stats.jitterLocal, ddp: stats.jitterDDP, shimmer: stats.shimmerLocal };
}

/** Voice quality of `x` analysed with a given F0 track (Hz per 10 ms frame), isolating it from pitch tracking. */
function analyse(x: Float32Array, f0: (frame: number) => number): VoiceQualityTracks & { f0: Float32Array } {
  const frames = frameCountFor(x.length, SR);
  const track = Float32Array.from({ length: frames }, (_, i) => f0(i));
  const out = {
    f0: track,
    jitterLocal: new Float32Array(frames),
    jitterDDP: new Float32Array(frames),
    shimmerLocal: new Float32Array(frames),
    logHNR: new Float32Array(frames),
  };
  const starts = Int32Array.from({ length: frames }, (_, i) => i * HOP);
  analysePeriodsOpensmile({ samples: x, sampleRate: SR, frameStarts: starts, frameLength: FRAME, hopLength: HOP, f0: track }, SETTINGS, out);
  return out;
}

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-9);

describe("openSMILE voice quality: jitter and shimmer from a frame's accepted periods (known sequences)", () => {
  it('jitterLocal = mean |P_k - P_k-1| / mean P; DDP = mean |d_k - d_k-1| of absolute differences (not Praat DDP)', () => {
    const stats = new OpensmilePeriodStatistics();
    const r = frame(stats, [10, 11, 10, 12]);
    const meanP = (10 + 11 + 10 + 12) / 4;
    close(r.local, (1 + 1 + 2) / 3 / meanP);
    // d = 1, 1, 2 -> |1 - 1|, |2 - 1|; Praat's |T_k - 2 T_k-1 + T_k-2| would give (2 + 3) / 2 instead.
    close(r.ddp, (0 + 1) / 2 / meanP);
  });

  it('shimmerLocal = sum |A0 - A1| / sum (A0 + A1) / 2', () => {
    const stats = new OpensmilePeriodStatistics();
    const r = frame(stats, [10, 10, 10], [[1, 1.2], [1.2, 0.9], [0.9, 0.9]]);
    close(r.shimmer, (0.2 + 0.3 + 0) / ((2.2 + 2.1 + 1.8) / 2));
    close(r.local, 0);
  });

  it('differences continue across frames of a voiced run; a zero difference does not start DDP', () => {
    const stats = new OpensmilePeriodStatistics();
    // One period per frame: the first has nothing to differ from (0), the second differs from the first.
    close(frame(stats, [10]).local, 0);
    close(frame(stats, [12]).local, 2 / 12);
    close(frame(stats, [12]).local, 0); // difference 0 ...
    expect(frame(stats, [13]).ddp).toBe(0); // ... so |d - d_prev| waits for a non-zero d_prev
    close(frame(stats, [15]).ddp, Math.abs(2 - 1) / 15);
  });

  it('a voiced frame without accepted periods repeats the previous values; an unvoiced frame resets to 0', () => {
    const stats = new OpensmilePeriodStatistics();
    frame(stats, [10]);
    const before = frame(stats, [11, 13], [[1, 0.8], [0.8, 0.8]]);
    const repeated = frame(stats, []);
    expect(repeated).toEqual(before);
    stats.unvoicedFrame();
    expect([stats.jitterLocal, stats.jitterDDP, stats.shimmerLocal]).toEqual([0, 0, 0]);
    // Nothing carries over the unvoiced frame: the next period has no predecessor.
    expect(frame(stats, [20]).local).toBe(0);
    expect(frame(stats, []).local).toBe(0);
  });

  it('jitter and shimmer are clipped at 1', () => {
    const stats = new OpensmilePeriodStatistics();
    frame(stats, [10]);
    // |2 - 10| / 2 = 4 -> 1; |10 - 2| / 10 = 0.8 stays.
    expect(frame(stats, [2]).local).toBe(1);
    close(frame(stats, [10]).local, 0.8);
    // A0 = 1, A1 = 0: |1 - 0| / 0.5 = 2 -> 1.
    expect(frame(stats, [10], [[1, 0]]).shimmer).toBe(1);
  });
});

describe("openSMILE voice quality: which periods count (correlation above the frame's single-precision running minimum)", () => {
  it('the first period of a frame counts only when rounding its correlation to float lowers it', () => {
    const acceptance = new RunningMinimumAcceptance();
    // fround(0.7) = 0.699999988... < 0.7: counts. fround(0.8) = 0.800000011... > 0.8, and 0.5 is exact: not.
    for (const [rho, counts] of [[0.7, true], [0.8, false], [0.5, false]] as const) {
      acceptance.reset();
      expect(acceptance.accepts(rho)).toBe(counts);
    }
  });

  it('later periods count when above the minimum so far; a new minimum follows the same rounding rule', () => {
    const acceptance = new RunningMinimumAcceptance();
    // 0.9 rounds down (counts); 0.95 and 0.93 lie above the minimum; 0.8 is a new minimum that rounds up.
    expect([0.9, 0.95, 0.93, 0.8, 0.85].map((rho) => acceptance.accepts(rho))).toEqual([true, true, true, false, true]);
    acceptance.reset();
    expect(acceptance.accepts(0.8)).toBe(false);
  });
});

describe('openSMILE voice quality on signals (given F0)', () => {
  it('a strictly periodic signal (integer period) has jitter and shimmer 0 and no noise: logHNR 0 by convention', () => {
    // One 80-sample period (200 Hz) repeated sample for sample: every period is measured alike and equals
    // the average period, so the noise RMS is exactly 0 (openSMILE then leaves logHNR at 0).
    const period = sine(200, 0.005, SR);
    const x = Float32Array.from({ length: 100 * period.length }, (_, i) => period[i % period.length]);
    const t = analyse(x, () => 200);
    for (let i = 2; i < t.f0.length; i++) {
      expect(t.jitterLocal[i]).toBe(0);
      expect(t.jitterDDP[i]).toBe(0);
      expect(t.shimmerLocal[i]).toBe(0);
      expect(t.logHNR[i]).toBe(0);
    }
  });

  it('HNR of an integer-period sine in white noise follows the average-period definition, not the plain SNR', () => {
    // At 200 Hz each frame's run holds K = 3 periods (the two of its own hop and the one after). The average
    // period keeps the sine (power S) and 1/K of the noise (power N); what is left is (K - 1)/K N, so
    // HNR = (S + N/K) / ((K - 1)/K N) = (K snr + 1) / (K - 1).
    const K = 3;
    for (const snrDb of [0, 10, 20]) {
      const snr = Math.pow(10, snrDb / 10);
      const x = addNoise(sine(200, 1, SR), snrDb, 7 + snrDb);
      const t = analyse(x, () => 200);
      const expected = 10 * Math.log10((K * snr + 1) / (K - 1));
      const hnr = median(Array.from(t.logHNR).slice(3));
      expect(Math.abs(hnr - expected)).toBeLessThan(1);
    }
  });

  it('unvoiced frames give 0 jitter/shimmer and logHNR at the floor', () => {
    const x = sine(200, 0.5, SR);
    const t = analyse(x, (i) => (i % 10 < 5 ? 200 : 0));
    for (let i = 0; i < t.f0.length; i++) {
      if (t.f0[i] > 0) continue;
      expect([t.jitterLocal[i], t.jitterDDP[i], t.shimmerLocal[i], t.logHNR[i]]).toEqual([0, 0, 0, -100]);
    }
  });

  it('a jump from 60 Hz to 240 Hz pulses makes jitterLocal exceed 1 at the switch: it is clipped to 1', () => {
    // 0.5 s at 60 Hz then 240 Hz: the first accepted 240 Hz period differs from the last 60 Hz one by
    // 1/60 - 1/240 s, at least 3 of its own 1/240 s periods (the frame's mean), so the value is >= 1.
    const low = pulseTrain(60, 0.5, SR, { decay: 0.001 }).samples;
    const high = pulseTrain(240, 0.5, SR, { decay: 0.001 }).samples;
    const x = new Float32Array(low.length + high.length);
    x.set(low);
    x.set(high, low.length);
    const switchFrame = 50;
    const t = analyse(x, (i) => (i < switchFrame ? 60 : 240));
    const before = Array.from(t.jitterLocal.slice(5, switchFrame - 6));
    expect(Math.max(...before)).toBeLessThan(0.05);
    expect(Math.max(...t.jitterLocal)).toBe(1);
    for (const v of t.jitterLocal) expect(v).toBeLessThanOrEqual(1);
  });
});

describe('voiceQuality option', () => {
  it("voicingTracks defaults to 'opensmile'; 'praat' gives other jitter/shimmer/HNR with the same F0", () => {
    const x = addNoise(pulseTrain(120, 0.6, SR, { jitter: 0.01, shimmer: 0.05, seed: 3 }).samples, 20, 4);
    const frames = frameCountFor(x.length, SR);
    const byDefault = voicingTracks(x, SR, 0.01, frames);
    const opensmile = voicingTracks(x, SR, 0.01, frames, { voiceQuality: 'opensmile' });
    const praat = voicingTracks(x, SR, 0.01, frames, { voiceQuality: 'praat' });
    expect(byDefault).toEqual(opensmile);
    expect(praat.f0).toEqual(opensmile.f0);
    expect(praat.voicingProbability).toEqual(opensmile.voicingProbability);
    expect(praat.logHNR).not.toEqual(opensmile.logHNR);
    expect(praat.jitterLocal).not.toEqual(opensmile.jitterLocal);
  });

  it('compare-lld declares the option (default opensmile) and passes it through', async () => {
    const schema = compareLld.manifest.options as { properties: Record<string, { enum?: string[]; default?: unknown }> };
    expect(schema.properties.voiceQuality.enum).toEqual(['opensmile', 'praat']);
    expect(schema.properties.voiceQuality.default).toBe('opensmile');
    const x = pulseTrain(150, 0.5, SR, { jitter: 0.02, seed: 8 }).samples;
    const audio = { samples: x, sampleRate: SR, origin: 'synthetic' };
    const a = await compareLld.extract(audio, {}, {});
    const b = await compareLld.extract(audio, { voiceQuality: 'opensmile' }, {});
    const c = await compareLld.extract(audio, { voiceQuality: 'praat' }, {});
    expect(a.data).toEqual(b.data);
    const hnr = a.names.indexOf('logHNR_sma');
    const mfcc = a.names.indexOf('mfcc_sma[1]');
    const column = (m: typeof a, j: number) => Array.from({ length: m.times.length }, (_, i) => m.data[i * m.names.length + j]);
    expect(column(c, hnr)).not.toEqual(column(a, hnr));
    expect(column(c, mfcc)).toEqual(column(a, mfcc));
  });
});
