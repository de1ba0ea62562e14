import { COMPARE_PITCH, voicingTracks, type VoiceQualityMethod, type VoicingTracks } from '../src/voicing';
import {
  addNoise,
  frameCountFor,
  harmonicComplex,
  mean,
  median,
  pulseTrain,
  sine,
  whiteNoise,
  type PulseTrain,
} from './voicing-signals';

const SR = 16000;
const HOP = 0.01;

function tracksOf(x: Float32Array, sampleRate = SR, voiceQuality: VoiceQualityMethod = 'opensmile'): VoicingTracks {
  return voicingTracks(x, sampleRate, HOP, frameCountFor(x.length, sampleRate), { voiceQuality });
}

/** The Praat-like voice quality variant (pulse-centred periods, Praat's DDP, autocorrelation HNR). */
function praatTracksOf(x: Float32Array): VoicingTracks {
  return tracksOf(x, SR, 'praat');
}

function voicedValues(tracks: VoicingTracks, key: keyof VoicingTracks): number[] {
  const out: number[] = [];
  for (let i = 0; i < tracks.f0.length; i++) if (tracks.f0[i] > 0) out.push(tracks[key][i]);
  return out;
}

/** Jitter and shimmer of a known period / amplitude sequence, as the tracks define them. */
function reference(train: PulseTrain): { local: number; ddp: number; shimmer: number } {
  const T = train.periods;
  let local = 0;
  let ddp = 0;
  for (let k = 1; k < T.length; k++) local += Math.abs(T[k] - T[k - 1]);
  for (let k = 2; k < T.length; k++) ddp += Math.abs(T[k] - 2 * T[k - 1] + T[k - 2]);
  const meanT = mean(T);
  const A = train.amplitudes;
  let diff = 0;
  let sum = 0;
  for (let k = 1; k < A.length; k++) {
    diff += Math.abs(A[k] - A[k - 1]);
    sum += (A[k] + A[k - 1]) / 2;
  }
  return { local: local / (T.length - 1) / meanT, ddp: ddp / (T.length - 2) / meanT, shimmer: diff / sum };
}

describe('voicingTracks: shape and edge cases', () => {
  it('returns frameCount finite values per track, also for silence, a short signal and no samples (both variants)', () => {
    for (const voiceQuality of ['opensmile', 'praat'] as const) {
      for (const [x, frames] of [
        [new Float32Array(SR), 95],
        [sine(200, 0.03, SR), 10],
        [new Float32Array(0), 3],
        [whiteNoise(0.5, SR, 3), 45],
      ] as const) {
        const t = voicingTracks(x, SR, HOP, frames, { voiceQuality });
        for (const track of Object.values(t) as Float32Array[]) {
          expect(track).toHaveLength(frames);
          for (const v of track) expect(Number.isFinite(v)).toBe(true);
        }
      }
    }
  });

  it('silence is unvoiced: F0 0, voicing 0, jitter/shimmer 0, logHNR at the floor', () => {
    const t = tracksOf(new Float32Array(SR));
    expect(Math.max(...t.f0)).toBe(0);
    expect(Math.max(...t.voicingProbability)).toBe(0);
    expect(Math.max(...t.jitterLocal, ...t.shimmerLocal)).toBe(0);
    expect(Math.max(...t.logHNR)).toBe(COMPARE_PITCH.logHnrFloor);
  });

  it('frame i starts at round(i * hop * sampleRate): a tone starting at 0.5 s leaves earlier frames unvoiced', () => {
    const x = new Float32Array(SR);
    x.set(sine(200, 0.5, SR), SR / 2);
    const t = tracksOf(x);
    // Frames ending before 0.5 s (start + 60 ms <= 0.5 s) see only silence.
    for (let i = 0; i * HOP + 0.06 <= 0.5 - 1e-9; i++) expect(t.f0[i]).toBe(0);
    // Frames starting after 0.5 s see only the tone.
    for (let i = 51; i < t.f0.length; i++) expect(Math.abs(t.f0[i] - 200) / 200).toBeLessThan(0.01);
  });

  it('rejects invalid arguments', () => {
    expect(() => voicingTracks(new Float32Array(10), 0, HOP, 1)).toThrow(/sampleRate/);
    expect(() => voicingTracks(new Float32Array(10), SR, HOP, -1)).toThrow(/frameCount/);
    expect(() => voicingTracks(new Float32Array(10), SR, HOP, 1, { voiceQuality: 'other' as VoiceQualityMethod })).toThrow(/voiceQuality/);
  });
});

describe('voicingTracks: F0 and voicing probability', () => {
  it.each([110, 220, 330, 500])('a %d Hz sine has F0 within 1 %% on voiced frames, nearly all frames voiced', (f) => {
    const t = tracksOf(sine(f, 1, SR));
    const voiced = voicedValues(t, 'f0');
    expect(voiced.length).toBeGreaterThan(0.95 * t.f0.length);
    for (const v of voiced) expect(Math.abs(v - f) / f).toBeLessThan(0.01);
  });

  it.each([
    [80, 1],
    [150, 2],
    [260, 1],
  ])('a harmonic complex at %d Hz (tilt 1/h^%d) has F0 within 1 %%', (f, tilt) => {
    const t = tracksOf(harmonicComplex(f, 1, SR, tilt));
    const voiced = voicedValues(t, 'f0');
    expect(voiced.length).toBeGreaterThan(0.95 * t.f0.length);
    for (const v of voiced) expect(Math.abs(v - f) / f).toBeLessThan(0.01);
  });

  it('a glottal-pulse-like train at 120 Hz has F0 within 1 %, also at 44.1 kHz', () => {
    for (const sr of [SR, 44100]) {
      const t = tracksOf(pulseTrain(120, 1, sr).samples, sr);
      const voiced = voicedValues(t, 'f0');
      expect(voiced.length).toBeGreaterThan(0.9 * t.f0.length);
      for (const v of voiced) expect(Math.abs(v - 120) / 120).toBeLessThan(0.01);
    }
  });

  it('voicing probability is high for a harmonic signal and low for white noise', () => {
    const harmonic = tracksOf(harmonicComplex(150, 1, SR, 1));
    const noise = tracksOf(whiteNoise(1, SR, 7));
    expect(median(harmonic.voicingProbability)).toBeGreaterThan(COMPARE_PITCH.voicingCutoff);
    expect(median(noise.voicingProbability)).toBeLessThan(COMPARE_PITCH.voicingCutoff);
    expect(median(harmonic.voicingProbability) - median(noise.voicingProbability)).toBeGreaterThan(0.15);
    // White noise is (almost) never called voiced.
    expect(voicedValues(noise, 'f0').length).toBeLessThan(0.1 * noise.f0.length);
  });

  it('follows a pitch glide from 150 to 250 Hz within 2 % of the frame-centre frequency', () => {
    const seconds = 1;
    const x = new Float32Array(SR * seconds);
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      const f = 150 + (100 * i) / x.length;
      phase += (2 * Math.PI * f) / SR;
      x[i] = 0.2 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase));
    }
    const t = tracksOf(x);
    for (let i = 0; i < t.f0.length; i++) {
      const expected = 150 + (100 * (i * HOP + 0.03)) / seconds;
      expect(Math.abs(t.f0[i] - expected) / expected).toBeLessThan(0.02);
    }
  });
});

describe('voicingTracks (praat variant): jitter, shimmer and HNR', () => {
  it('a perfectly periodic pulse train has jitter and shimmer ~ 0', () => {
    const t = praatTracksOf(pulseTrain(110, 1, SR).samples);
    expect(mean(voicedValues(t, 'jitterLocal'))).toBeLessThan(0.002);
    expect(mean(voicedValues(t, 'jitterDDP'))).toBeLessThan(0.004);
    expect(mean(voicedValues(t, 'shimmerLocal'))).toBeLessThan(0.01);
  });

  it('2 % random period perturbation gives local and DDP jitter close to those of the known periods', () => {
    const train = pulseTrain(110, 2, SR, { jitter: 0.02, seed: 11 });
    const expected = reference(train);
    expect(expected.local).toBeGreaterThan(0.015); // ~ 0.02 * 2 / sqrt(pi)
    const t = praatTracksOf(train.samples);
    const local = mean(voicedValues(t, 'jitterLocal'));
    const ddp = mean(voicedValues(t, 'jitterDDP'));
    expect(Math.abs(local - expected.local) / expected.local).toBeLessThan(0.1);
    expect(Math.abs(ddp - expected.ddp) / expected.ddp).toBeLessThan(0.15);
  });

  it('1 % period perturbation at 220 Hz (short pulses) gives local and DDP jitter close to the known ones', () => {
    // Pulses decaying within a period (1 ms): strongly overlapping tails would blend neighbouring periods.
    const train = pulseTrain(220, 2, SR, { jitter: 0.01, seed: 21, decay: 0.001 });
    const expected = reference(train);
    const t = praatTracksOf(train.samples);
    expect(Math.abs(mean(voicedValues(t, 'jitterLocal')) - expected.local) / expected.local).toBeLessThan(0.1);
    expect(Math.abs(mean(voicedValues(t, 'jitterDDP')) - expected.ddp) / expected.ddp).toBeLessThan(0.15);
  });

  it('10 % random amplitude perturbation gives local shimmer close to that of the known amplitudes', () => {
    const train = pulseTrain(110, 2, SR, { shimmer: 0.1, seed: 5 });
    const expected = reference(train);
    const t = praatTracksOf(train.samples);
    const shimmer = mean(voicedValues(t, 'shimmerLocal'));
    expect(Math.abs(shimmer - expected.shimmer) / expected.shimmer).toBeLessThan(0.15);
    // Amplitude changes alone do not create jitter.
    expect(mean(voicedValues(t, 'jitterLocal'))).toBeLessThan(0.005);
  });

  it('HNR of a pulse train in white noise matches the signal-to-noise ratio; the clean train is higher still', () => {
    const clean = pulseTrain(110, 1, SR).samples;
    const cleanHnr = median(voicedValues(praatTracksOf(clean), 'logHNR'));
    for (const snr of [5, 10, 20]) {
      const hnr = median(voicedValues(praatTracksOf(addNoise(clean, snr, 9)), 'logHNR'));
      expect(Math.abs(hnr - snr)).toBeLessThan(2);
    }
    expect(cleanHnr).toBeGreaterThan(30);
  });
});
