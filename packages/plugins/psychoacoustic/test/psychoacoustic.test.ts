import { BadInputError, type RunContext } from '@emotrans/core';
import {
  computePsychoacoustic,
  estimateTempo,
  PSYCHOACOUSTIC_NAMES,
  psychoacousticFeatures,
  spectralTracks,
  roughnessTrack,
} from '../src';
import { bandNoise, clickTrain, highPass, lowPass, mean, scaleToDb, sineAmplitudeAt, tones, whiteNoise } from './signals';

const SR = 22050;
const OPTIONS = { window: 1, hop: 1, sampleRate: SR, tempoContext: 4 };

function column(matrix: ReturnType<typeof computePsychoacoustic>, name: string): number[] {
  const j = matrix.names.indexOf(name);
  if (j < 0) throw new Error(`no column ${name}`);
  return Array.from({ length: matrix.rows }, (_, r) => matrix.data[r * matrix.cols + j]);
}

/** Mean of a spectral track over frames 20..(frames-20), away from the edges. */
function steady(track: Float32Array): number {
  return mean(track.subarray(20, track.length - 20));
}

function tracksOf(x: Float32Array) {
  const frames = Math.floor(x.length / (0.01 * SR));
  return spectralTracks(x, SR, 0.01, frames);
}

describe('loudness (Zwicker-style, sone)', () => {
  it('a 1 kHz tone at 40 dB SPL is 1 sone (the definition), within 20 %', () => {
    const loudness = steady(tracksOf(tones([1000], 1, SR, sineAmplitudeAt(40))).loudness);
    expect(loudness).toBeGreaterThan(0.8);
    expect(loudness).toBeLessThan(1.2);
  });

  it('doubles (x1.7 to x2.3) for every 10 dB above 50 dB SPL at 1 kHz', () => {
    const values = [50, 60, 70, 80].map((db) => steady(tracksOf(tones([1000], 1, SR, sineAmplitudeAt(db))).loudness));
    for (let i = 1; i < values.length; i++) {
      expect(values[i] / values[i - 1]).toBeGreaterThan(1.7);
      expect(values[i] / values[i - 1]).toBeLessThan(2.3);
    }
  });

  it.each([16000, 44100])('gives the same anchors at %d Hz (1 kHz, 40 dB SPL: 1 sone within 20 %%)', (rate) => {
    const x = tones([1000], 1, rate, sineAmplitudeAt(40));
    const frames = Math.floor(x.length / (0.01 * rate));
    const loudness = steady(spectralTracks(x, rate, 0.01, frames).loudness);
    expect(Math.abs(loudness - 1)).toBeLessThan(0.2);
  });

  it('is strictly monotonic in the level of white noise and zero for silence', () => {
    const base = whiteNoise(1, SR, 3, 1);
    const values = [30, 45, 60, 75, 90].map((db) => steady(tracksOf(scaleToDb(Float32Array.from(base), db)).loudness));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    expect(steady(tracksOf(new Float32Array(SR)).loudness)).toBe(0);
  });
});

describe('sharpness (DIN 45692, acum)', () => {
  it('critical-band-wide noise at 1 kHz and 60 dB is 1 acum (the definition), within 10 %', () => {
    const sharpness = steady(tracksOf(bandNoise(920, 1080, 60, 1, SR, 4)).sharpness);
    expect(Math.abs(sharpness - 1)).toBeLessThan(0.1);
  });

  it('is higher for high-passed noise than for white noise, and lowest for low-passed noise', () => {
    const white = whiteNoise(1, SR, 5);
    const [low, flat, high] = [lowPass(white), white, highPass(white)].map((x) => steady(tracksOf(scaleToDb(x, 70)).sharpness));
    expect(high).toBeGreaterThan(flat + 0.3);
    expect(flat).toBeGreaterThan(low + 0.3);
  });
});

describe('spectral centroid and flux', () => {
  it.each([300, 1000, 3000])('the centroid of a %d Hz sine is its frequency within 3 %%', (f) => {
    const centroid = steady(tracksOf(tones([f], 1, SR)).centroid);
    expect(Math.abs(centroid - f) / f).toBeLessThan(0.03);
  });

  it('flux is ~0 for a steady tone and clearly larger when the tone alternates every 100 ms', () => {
    const steadyTone = tones([440], 1, SR);
    const alternating = new Float32Array(SR);
    for (let i = 0; i < SR; i++) alternating[i] = 0.2 * Math.sin((2 * Math.PI * (Math.floor(i / (0.1 * SR)) % 2 ? 660 : 440) * i) / SR);
    const a = steady(tracksOf(steadyTone).flux);
    const b = steady(tracksOf(alternating).flux);
    expect(a).toBeLessThan(0.01);
    expect(b).toBeGreaterThan(5 * a + 0.01);
  });
});

describe('roughness (Plomp-Levelt / Sethares)', () => {
  const roughness = (x: Float32Array) => mean(roughnessTrack(x, SR).values);

  it.each([30, 50, 70])('two tones %d Hz apart around 500 Hz are far rougher than one tone', (df) => {
    const single = roughness(tones([500], 2, SR, 0.2));
    const pair = roughness(tones([500, 500 + df], 2, SR, 0.2));
    expect(pair).toBeGreaterThan(10 * single);
    expect(pair).toBeGreaterThan(0.01);
  });

  it('an octave is smoother than a 30 Hz interval at the same level', () => {
    expect(roughness(tones([500, 1000], 2, SR))).toBeLessThan(0.2 * roughness(tones([500, 530], 2, SR)));
  });
});

describe('event density and tempo', () => {
  it.each([1, 2, 4, 8])('a click train at %d Hz has that event density in every 1 s window', (rate) => {
    const m = computePsychoacoustic(clickTrain(rate, 6, SR), SR, OPTIONS);
    const density = column(m, 'event_density');
    expect(density).toHaveLength(6);
    for (const d of density) expect(Math.abs(d - rate)).toBeLessThanOrEqual(1);
    expect(Math.abs(mean(density) - rate) / rate).toBeLessThan(0.1);
  });

  it('a steady tone and steady noise have (almost) no events and no tempo', () => {
    for (const x of [tones([440], 4, SR), whiteNoise(4, SR, 8)]) {
      const m = computePsychoacoustic(x, SR, OPTIONS);
      expect(column(m, 'event_density').reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
      expect(Math.max(...column(m, 'tempo_bpm'))).toBe(0);
    }
  });

  it.each([90, 120, 150])('a click train at %d BPM has that tempo within 2 %%', (bpm) => {
    const m = computePsychoacoustic(clickTrain(bpm / 60, 8, SR), SR, OPTIONS);
    for (const tempo of column(m, 'tempo_bpm').slice(1, -1)) expect(Math.abs(tempo - bpm) / bpm).toBeLessThan(0.02);
  });

  it('estimateTempo is 0 for a flat onset-strength track', () => {
    expect(estimateTempo(new Float32Array(400), 100, 0, 400)).toBe(0);
  });
});

describe('speech rate', () => {
  /** Voiced "syllables": a 150 Hz harmonic complex under raised-cosine bursts, `rate` per second. */
  function syllables(rate: number, seconds: number): Float32Array {
    const x = new Float32Array(seconds * SR);
    const period = 1 / rate;
    for (let i = 0; i < x.length; i++) {
      const t = i / SR;
      const phase = (t % period) / period;
      const envelope = phase < 0.75 ? 0.5 * (1 - Math.cos((2 * Math.PI * phase) / 0.75)) : 0;
      const w = 2 * Math.PI * 150 * t;
      x[i] = 0.2 * envelope * (Math.sin(w) + 0.5 * Math.sin(2 * w) + 0.25 * Math.sin(3 * w));
    }
    return x;
  }

  it.each([2, 4, 6])('%d voiced syllables per second give that speech rate', (rate) => {
    const m = computePsychoacoustic(syllables(rate, 6), SR, OPTIONS);
    const speechRate = column(m, 'speech_rate');
    for (const r of speechRate) expect(Math.abs(r - rate)).toBeLessThanOrEqual(1);
    expect(Math.abs(mean(speechRate) - rate) / rate).toBeLessThan(0.1);
  });

  it('the same bursts of noise (unvoiced) are not syllable nuclei', () => {
    const voiced = syllables(4, 4);
    const noise = whiteNoise(4, SR, 12, 1);
    const x = voiced.map((v, i) => (v !== 0 ? Math.abs(v) * noise[i] : 0));
    const m = computePsychoacoustic(x, SR, OPTIONS);
    expect(Math.max(...column(m, 'speech_rate'))).toBeLessThanOrEqual(1);
  });
});

describe('pitch level and contour', () => {
  it('a harmonic glide rising 6 semitones per second has pitch slope 6 st/s and the expected level', () => {
    const seconds = 3;
    const x = new Float32Array(seconds * SR);
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      const f = 110 * Math.pow(2, (6 * (i / SR)) / 12);
      phase += (2 * Math.PI * f) / SR;
      x[i] = 0.15 * (Math.sin(phase) + 0.6 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase));
    }
    const m = computePsychoacoustic(x, SR, OPTIONS);
    const slopes = column(m, 'pitch_slope');
    const levels = column(m, 'pitch_level');
    const voiced = column(m, 'voiced_fraction');
    for (let w = 0; w < m.rows; w++) {
      expect(Math.abs(slopes[w] - 6)).toBeLessThan(0.5);
      // Mean of the window's frames (frame t describes 30 ms after its start: the 60 ms F0 frame's centre).
      const expected = 12 * Math.log2(110 / 27.5) + 6 * (w + 0.5 + 0.025);
      expect(Math.abs(levels[w] - expected)).toBeLessThan(0.5);
      expect(voiced[w]).toBeGreaterThan(0.9);
    }
  });

  it('unvoiced audio has pitch level 0, slope 0 and no voiced frames', () => {
    const m = computePsychoacoustic(whiteNoise(2, SR, 9), SR, OPTIONS);
    for (const name of ['pitch_level', 'pitch_slope', 'voiced_fraction']) expect(Math.max(...column(m, name).map(Math.abs))).toBeLessThan(0.2);
  });
});

describe('the psychoacoustic feature set', () => {
  const context = {} as RunContext;

  it('describes its names, frame rate and sample rate', () => {
    const info = psychoacousticFeatures.describe({ ...OPTIONS, hop: 0.5 });
    expect(info.names).toEqual(PSYCHOACOUSTIC_NAMES);
    expect(info.names).toHaveLength(16);
    expect(new Set(info.names).size).toBe(16);
    expect(info.frameRate).toBe(2);
    expect(info.sampleRate).toBe(SR);
    expect(psychoacousticFeatures.manifest.id).toBe('psychoacoustic');
    expect(psychoacousticFeatures.manifest.version).toBeDefined();
  });

  it('gives floor(duration) rows at window centres for 1 s / 1 s, all finite, also for silence', async () => {
    for (const samples of [tones([220, 330], 3.7, SR), new Float32Array(Math.round(3.7 * SR))]) {
      const m = await psychoacousticFeatures.extract({ samples, sampleRate: SR, origin: 'test' }, OPTIONS, context);
      expect(m.rows).toBe(3);
      expect(Array.from(m.times)).toEqual([0.5, 1.5, 2.5]);
      expect(m.frameRate).toBe(1);
      for (const v of m.data) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('follows the window and hop options (2 s windows every 0.5 s) and gives no rows for audio shorter than a window', async () => {
    const samples = tones([220], 4, SR);
    const m = await psychoacousticFeatures.extract({ samples, sampleRate: SR, origin: 'test' }, { ...OPTIONS, window: 2, hop: 0.5 }, context);
    expect(m.rows).toBe(5);
    expect(Array.from(m.times)).toEqual([1, 1.5, 2, 2.5, 3]);
    const short = await psychoacousticFeatures.extract({ samples: samples.subarray(0, SR / 2), sampleRate: SR, origin: 'test' }, OPTIONS, context);
    expect(short.rows).toBe(0);
  });

  it('rejects a non-positive window as bad input naming the audio', async () => {
    await expect(psychoacousticFeatures.extract({ samples: new Float32Array(SR), sampleRate: SR, origin: 'clip.wav' }, { ...OPTIONS, window: 0 }, context)).rejects.toThrow(BadInputError);
    await expect(psychoacousticFeatures.extract({ samples: new Float32Array(SR), sampleRate: SR, origin: 'clip.wav' }, { ...OPTIONS, window: 0 }, context)).rejects.toThrow(/clip\.wav/);
  });
});
