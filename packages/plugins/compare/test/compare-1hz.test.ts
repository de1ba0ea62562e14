import { compareLld, compare1Hz, COMPARE_FUNCTIONAL_NAMES, COMPARE_TRACK_NAMES } from '@emotrans/plugin-compare';
import { signal, sine, SR } from './signals';

const context = {} as never;

describe('compare-1hz names', () => {
  it('260 unique names in openSMILE functional naming, amean and stddev of each of the 130 tracks', () => {
    const info = compare1Hz.describe({ window: 1, hop: 1 });
    expect(info.names).toHaveLength(260);
    expect(new Set(info.names).size).toBe(260);
    expect(new Set(COMPARE_TRACK_NAMES).size).toBe(130);
    const pattern = /^[A-Za-z][A-Za-z0-9.\-]*(_[A-Za-z0-9.\-]+)*_sma(_de)?(\[\d+\])?_(amean|stddev)$/;
    for (const name of info.names) expect(name).toMatch(pattern);
    for (const name of [
      'audspec_lengthL1norm_sma_amean',
      'pcm_RMSenergy_sma_stddev',
      'mfcc_sma[1]_amean',
      'F0final_sma_amean',
      'audSpec_Rfilt_sma[25]_stddev',
      'pcm_fftMag_spectralRollOff90.0_sma_de_amean',
      'mfcc_sma_de[14]_stddev',
      'logHNR_sma_de_stddev',
    ]) {
      expect(COMPARE_FUNCTIONAL_NAMES).toContain(name);
    }
    expect(info.sampleRate).toBeUndefined(); // analysed at the audio's own rate
    expect(compare1Hz.describe({ window: 1, hop: 1, sampleRate: 16000 }).sampleRate).toBe(16000);
    expect(info.frameRate).toBe(1);
    expect(compare1Hz.describe({ window: 1, hop: 0.5 }).frameRate).toBe(2);
  });
});

describe('compare-1hz extraction', () => {
  // Three seconds, each a 220 Hz tone of its own amplitude, plus half a second that does not fill a window.
  const amplitudes = [0.1, 0.4, 0.2, 0.3];
  const samples = Float32Array.from({ length: 3.5 * SR }, (_, i) => amplitudes[Math.floor(i / SR)] * Math.sin((2 * Math.PI * 220 * i) / SR));
  let matrix: Awaited<ReturnType<typeof compare1Hz.extract>>;

  beforeAll(async () => {
    matrix = await compare1Hz.extract(signal(samples), { window: 1, hop: 1 }, context);
  });

  it('has floor(duration) rows of 260 finite values, described at the window centres', () => {
    expect(matrix.rows).toBe(3);
    expect(matrix.cols).toBe(260);
    expect(Array.from(matrix.times)).toEqual([0.5, 1.5, 2.5]);
    expect(matrix.data.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('each window summarises its own second: mean RMS energy is that second\'s A / sqrt(2)', () => {
    const j = matrix.names.indexOf('pcm_RMSenergy_sma_amean');
    for (let w = 0; w < 3; w++) expect(matrix.data[w * matrix.cols + j] / (amplitudes[w] / Math.SQRT2)).toBeCloseTo(1, 1);
  });

  it('window w covers exactly second w: a tone only in the second second shows up only in window 1', async () => {
    const a = 0.5;
    const r = a / Math.SQRT2;
    const burst = Float32Array.from({ length: 3 * SR }, (_, i) => (i >= SR && i < 2 * SR ? a * Math.sin((2 * Math.PI * 440 * i) / SR) : 0));
    const m = await compare1Hz.extract(signal(burst), { window: 1, hop: 1 }, context);
    const j = m.names.indexOf('pcm_RMSenergy_sma_amean');
    // only the 1-2 frames straddling a boundary (and their smoothing) leak: a few percent, not the 10 %
    // a window shifted by 0.1 s would show
    expect(m.data[0 * m.cols + j]).toBeLessThan(0.03 * r);
    expect(m.data[1 * m.cols + j] / r).toBeGreaterThan(0.95);
    expect(m.data[1 * m.cols + j] / r).toBeLessThanOrEqual(1.0001);
    expect(m.data[2 * m.cols + j]).toBeLessThan(0.03 * r);
  });

  it('the voicing module is wired in: F0 of a 220 Hz tone is about 220 Hz', () => {
    const j = matrix.names.indexOf('F0final_sma_amean');
    for (let w = 0; w < 3; w++) expect(Math.abs(matrix.data[w * matrix.cols + j] - 220)).toBeLessThan(11);
  });

  it('0.5 s hop (2 Hz): floor((duration - 1) / 0.5) + 1 overlapping windows', async () => {
    const half = await compare1Hz.extract(signal(samples), { window: 1, hop: 0.5 }, context);
    expect(half.rows).toBe(6);
    expect(Array.from(half.times)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    // window [0.5, 1.5) straddles amplitudes 0.1 and 0.4: its mean RMS lies between theirs
    const j = half.names.indexOf('pcm_RMSenergy_sma_amean');
    const straddling = half.data[1 * half.cols + j];
    expect(straddling).toBeCloseTo((0.1 + 0.4) / 2 / Math.SQRT2, 1);
    expect(half.data[1 * half.cols + j + 1]).toBeGreaterThan(0.05); // and a large standard deviation
  });

  it('silence and audio shorter than a window give finite output', async () => {
    const silent = await compare1Hz.extract(signal(new Float32Array(2 * SR)), { window: 1, hop: 1 }, context);
    expect(silent.rows).toBe(2);
    expect(silent.data.every((v) => Number.isFinite(v))).toBe(true);
    const short = await compare1Hz.extract(signal(sine(300, 0.6, 0.2)), { window: 1, hop: 1 }, context);
    expect(short.rows).toBe(0);
  });
});

describe('compare-1hz at other sample rates', () => {
  it('analyses at the native rate (44.1 kHz: ZCR 2 f / 44100) or, with sampleRate, resampled first (2 f / 16000)', async () => {
    const rate = 44100;
    const tone = Float32Array.from({ length: 2 * rate }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 1000 * i) / rate));
    for (const [options, zcr] of [
      [{}, (2 * 1000) / rate],
      [{ sampleRate: 16000 }, (2 * 1000) / 16000],
    ] as const) {
      const m = await compare1Hz.extract({ samples: tone, sampleRate: rate, origin: 'test' }, { window: 1, hop: 1, ...options }, context);
      expect(m.rows).toBe(2);
      const at = (name: string) => m.data[m.names.indexOf(name)];
      expect(at('pcm_RMSenergy_sma_amean')).toBeCloseTo(0.3 / Math.SQRT2, 2);
      expect(at('pcm_zcr_sma_amean')).toBeCloseTo(zcr, 3);
      expect(Math.abs(at('pcm_fftMag_spectralCentroid_sma_amean') - 1000)).toBeLessThan(25);
    }
  });

  it('at 22.05 kHz frames are 221 samples apart, so the first 1 s window holds the 100 frames starting before 1 s', async () => {
    const rate = 22050;
    const tone = Float32Array.from({ length: 3 * rate }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 500 * i) / rate));
    const lld = await compareLld.extract({ samples: tone, sampleRate: rate, origin: 'test' }, {}, context);
    // whole 60 ms frames (1323 samples) every 221 samples, plus openSMILE's flush row
    expect(lld.rows).toBe(Math.floor((3 * rate - 1323) / 221) + 1 + 1);
    expect(lld.times[1] - lld.times[0]).toBeCloseTo(221 / rate, 12);
    expect(lld.frameRate).toBeCloseTo(rate / 221, 9);
    const hz = await compare1Hz.extract({ samples: tone, sampleRate: rate, origin: 'test' }, { window: 1, hop: 1 }, context);
    expect(hz.rows).toBe(3);
    const j = lld.names.indexOf('pcm_RMSenergy_sma');
    // frames 0..99 start before 1 s (99 x 221 = 21879 < 22050 <= 100 x 221)
    const mean = Array.from({ length: 100 }, (_, i) => lld.data[i * lld.cols + j]).reduce((a, b) => a + b) / 100;
    expect(hz.data[hz.names.indexOf('pcm_RMSenergy_sma_amean')]).toBeCloseTo(mean, 6);
  });
});
