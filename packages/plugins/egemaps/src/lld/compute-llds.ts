import { dsp } from '@emotrans/core';
import { AuditorySpectrum, FrameSpectrum, MfccTransform, openSmileMelBank } from '../compare-building-blocks';
import { gemapsJitterShimmer } from '../voicing/jitter-shimmer';
import { gemapsPitch, semitonesFrom27_5 } from '../voicing/gemaps-pitch';
import { FormantAnalyser, GEMAPS_FORMANTS, type FormantMethod } from './formants';
import { HarmonicsAnalyser, type HarmonicValues } from './harmonics';
import { EGEMAPS_LLDS, lldIndex } from './lld-names';
import { SpectralBalance } from './spectral-balance';

/** eGeMAPS' analysis grid (GeMAPSv01b_core.lld.conf.inc). */
export const EGEMAPS_FRAMING = {
  /** Configured frame step; openSMILE rounds it to whole samples (hopSamples). */
  hopSeconds: 0.01,
  /** The 60 ms frames of pitch, voice quality and harmonics. */
  longFrameSeconds: 0.06,
  /** Hamming-windowed frames: loudness, spectral balance, MFCC, formants. */
  shortFrameSeconds: 0.02,
  melBands: 26,
  melLowHz: 20,
  melHighHz: 8000,
} as const;

/**
 * Raw (unsmoothed) LLDs, track-major: LLD j of frame i is data[j * stride + i]. Rows 0 .. frames-1 are output;
 * the frames after them (up to stride) are the 20 ms look-ahead openSMILE's smoother reads at the end.
 */
export interface RawEgemapsLlds {
  /** Output rows of egemaps-lld: the whole 60 ms frames plus one. */
  readonly frames: number;
  /** Whole 20 ms frames (the energy/spectral LLDs exist for these). */
  readonly shortFrames: number;
  /** Whole 60 ms frames (the F0-based LLDs exist for these; later rows repeat the last). */
  readonly longFrames: number;
  /**
   * 60 ms frames the pitch smoother had decided when the input ended (SMILExtract's whole-file functionals of
   * the F0-based LLDs see these, and its LLD smoother's end splits there: smoothFrequencyTrack).
   */
  readonly decidedFrames: number;
  /** Seconds between frames: hopSamples / rate (0.01 s unless the rate makes 10 ms a fractional sample count). */
  readonly periodSeconds: number;
  readonly stride: number;
  readonly data: Float32Array;
  /** Mean square of every whole unwindowed 20 ms frame (the equivalent sound level's input). */
  readonly frameEnergy: Float32Array;
}

/**
 * The frame step in samples at a rate, as openSMILE's cFramer rounds it: round(0.01 s x rate), e.g. 221 at
 * 22.05 kHz, so frame i starts at i x 221 samples and the grid drifts from 10 ms (frame period 221 / 22050 s).
 */
export function hopSamples(sampleRate: number): number {
  return Math.max(1, Math.round(EGEMAPS_FRAMING.hopSeconds * sampleRate));
}

/** Whole frames of `frameSeconds` every hop inside `samples` samples. */
function wholeFrames(samples: number, sampleRate: number, frameSeconds: number): number {
  const length = dsp.secondsToSamples(frameSeconds, sampleRate);
  return samples < length ? 0 : Math.floor((samples - length) / hopSamples(sampleRate)) + 1;
}

/**
 * Rows of egemaps-lld as SMILExtract writes them: the whole 60 ms frames plus one (the row its smoothers add
 * when they flush at the end of the input; none if the audio is shorter than 60 ms).
 */
export function egemapsFrameCount(samples: number, sampleRate: number): number {
  const long = wholeFrames(samples, sampleRate, EGEMAPS_FRAMING.longFrameSeconds);
  return long > 0 ? long + 1 : 0;
}

/** Tables for one sample rate, reusable across signals (one extraction at a time). */
export class EgemapsLldAnalyser {
  private readonly shortLength: number;
  private readonly window: Float64Array;
  /** The Hamming window rounded to float: cWindower multiplies the float samples by it in single precision. */
  private readonly floatWindow: Float32Array;
  private readonly spectrum: FrameSpectrum;
  private readonly bank: dsp.Filterbank;
  private readonly mfcc: MfccTransform;
  private readonly balance: SpectralBalance;
  private readonly formants: FormantAnalyser;

  constructor(
    readonly sampleRate: number,
    readonly formantMethod: FormantMethod = 'opensmile',
  ) {
    this.shortLength = dsp.secondsToSamples(EGEMAPS_FRAMING.shortFrameSeconds, sampleRate);
    this.window = dsp.hammingWindow(this.shortLength);
    this.floatWindow = Float32Array.from(this.window);
    const fftSize = dsp.nextPowerOfTwo(this.shortLength);
    this.spectrum = new FrameSpectrum(fftSize, this.window);
    this.bank = openSmileMelBank({
      fftSize,
      sampleRate,
      bands: EGEMAPS_FRAMING.melBands,
      lowHz: EGEMAPS_FRAMING.melLowHz,
      highHz: Math.min(EGEMAPS_FRAMING.melHighHz, sampleRate / 2),
      scale: 'mel',
    });
    this.mfcc = new MfccTransform(EGEMAPS_FRAMING.melBands, 1, 4, 22);
    this.balance = new SpectralBalance(fftSize, sampleRate);
    this.formants = new FormantAnalyser(this.shortLength, fftSize, sampleRate, formantMethod);
  }

  /** The 25 raw LLD tracks of a signal (samples on openSMILE's 16-bit scale / 32767). */
  analyse(samples: Float32Array): RawEgemapsLlds {
    const rate = this.sampleRate;
    const frames = egemapsFrameCount(samples.length, rate);
    const longFrames = Math.max(0, frames - 1);
    const shortFrames = wholeFrames(samples.length, rate, EGEMAPS_FRAMING.shortFrameSeconds);
    const computed = frames > 0 ? shortFrames : 0;
    const stride = Math.max(computed, frames);
    const count = EGEMAPS_LLDS.length;
    const data = new Float32Array(count * stride);
    const track = (name: string) => lldIndex(name) * stride;
    const hop = hopSamples(rate);

    // 20 ms descriptors
    const frame = new Float64Array(this.shortLength);
    const windowed = new Float64Array(this.shortLength);
    // The frame goes straight into the spectrum kernel's memory, and its spectra are read from there.
    const { magnitude, power } = this.spectrum;
    const mel = new Float64Array(EGEMAPS_FRAMING.melBands);
    const aud = new Float64Array(EGEMAPS_FRAMING.melBands);
    const logWork = new Float64Array(EGEMAPS_FRAMING.melBands);
    const cepstra = new Float64Array(4);
    const balance = new Float64Array(5);
    const formantFreq = new Float64Array(GEMAPS_FORMANTS.count);
    const formantBand = new Float64Array(GEMAPS_FORMANTS.count);
    const auditory = new AuditorySpectrum(this.bank.centres, EGEMAPS_FRAMING.hopSeconds);
    this.balance.reset();
    const loudness = track('Loudness');
    const alpha = track('alphaRatio');
    const mfcc1 = track('mfcc1');
    const formantTracks = [1, 2, 3].map((k) => track(`F${k}frequency`));
    const bandwidthTracks = [1, 2, 3].map((k) => track(`F${k}bandwidth`));
    const frameEnergy = new Float32Array(shortFrames);
    for (let i = 0; i < shortFrames; i++) {
      dsp.readFrame(samples, i * hop, frame);
      let energy = 0;
      for (let j = 0; j < this.shortLength; j++) energy += frame[j] * frame[j];
      frameEnergy[i] = energy / this.shortLength;
    }
    const spectrumFrame = this.spectrum.frame;
    for (let i = 0; i < computed; i++) {
      dsp.readFrame(samples, i * hop, spectrumFrame);
      this.spectrum.analyse();
      dsp.applyFilterbank(this.bank, power, mel);
      data[loudness + i] = auditory.plain(mel, aud);
      this.balance.compute(magnitude, balance);
      for (let k = 0; k < 5; k++) data[alpha + k * stride + i] = balance[k];
      this.mfcc.compute(mel, logWork, cepstra);
      for (let k = 0; k < 4; k++) data[mfcc1 + k * stride + i] = cepstra[k];
      for (let j = 0; j < this.shortLength; j++) windowed[j] = Math.fround(spectrumFrame[j] * this.floatWindow[j]);
      this.formants.analyse(windowed, formantFreq, formantBand);
      for (let k = 0; k < 3; k++) {
        data[formantTracks[k] + i] = formantFreq[k];
        data[bandwidthTracks[k] + i] = formantBand[k];
      }
    }

    // 60 ms descriptors on the whole 60 ms frames; the rows after them repeat the last one
    let decidedFrames = 0;
    if (longFrames > 0) {
      const pitch = gemapsPitch(samples, rate, hop / rate, longFrames);
      decidedFrames = pitch.decidedBeforeEnd;
      const vq = gemapsJitterShimmer({ samples, sampleRate: rate, frameStarts: pitch.frameStarts, frameLength: pitch.frameLength, hopLength: pitch.hopLength, f0: pitch.f0 });
      const harmonics = new HarmonicsAnalyser(pitch.bins, rate);
      const values: HarmonicValues = { hnrAcf: 0, h1h2: 0, h1a3: 0, formantAmplitudes: new Float64Array(3) };
      const formantsOfFrame = new Float64Array(3);
      const [f0Track, jitterTrack, shimmerTrack, hnrTrack, h1h2Track, h1a3Track] = ['F0semitoneFrom27.5Hz', 'jitterLocal', 'shimmerLocaldB', 'HNRdBACF', 'logRelF0-H1-H2', 'logRelF0-H1-A3'].map(track);
      const amplitudeTracks = [1, 2, 3].map((k) => track(`F${k}amplitudeLogRelF0`));
      for (let t = 0; t < longFrames; t++) {
        data[f0Track + t] = semitonesFrom27_5(pitch.f0[t]);
        data[jitterTrack + t] = vq.jitterLocal[t];
        data[shimmerTrack + t] = vq.shimmerLocalDB[t];
        for (let k = 0; k < 3; k++) formantsOfFrame[k] = data[formantTracks[k] + t];
        harmonics.analyse(pitch.spectra.subarray(t * pitch.bins, (t + 1) * pitch.bins), pitch.f0[t], formantsOfFrame, values);
        data[hnrTrack + t] = values.hnrAcf;
        data[h1h2Track + t] = values.h1h2;
        data[h1a3Track + t] = values.h1a3;
        for (let k = 0; k < 3; k++) data[amplitudeTracks[k] + t] = values.formantAmplitudes[k];
      }
      const repeated = ['F0semitoneFrom27.5Hz', 'jitterLocal', 'shimmerLocaldB', 'HNRdBACF', 'logRelF0-H1-H2', 'logRelF0-H1-A3', 'F1amplitudeLogRelF0', 'F2amplitudeLogRelF0', 'F3amplitudeLogRelF0'];
      for (const name of repeated) data.fill(data[track(name) + longFrames - 1], track(name) + longFrames, track(name) + stride);
    }
    for (let k = 0; k < data.length; k++) if (!Number.isFinite(data[k])) data[k] = 0;
    return { frames, shortFrames: computed, longFrames, decidedFrames, periodSeconds: hop / rate, stride, data, frameEnergy };
  }
}
