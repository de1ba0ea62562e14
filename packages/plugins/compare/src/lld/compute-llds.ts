import { dsp } from '@emotrans/core';
import { FrameSpectrum } from '../spectrum/frame-spectrum';
import { AuditorySpectrum } from './auditory-spectrum';
import { comparEMelBank } from './mel-bank';
import { rmsEnergy } from './energy';
import { ZeroCrossings } from './zero-crossing-kernel';
import { COMPARE_LLDS, LLD_OFFSET, MFCC_FIRST, MFCC_LAST, RASTA_BANDS } from './lld-names';
import { MfccTransform } from './mfcc';
import { SPECTRAL_DESCRIPTOR_COUNT, SpectralDescriptors } from './spectral-descriptors';

// Read once: the namespace's re-export getters cost measurable time in the per-frame loops.
const { readFrame, applyFilterbank } = dsp;

/** The six voicing tracks, one value per frame each (the voicing module's output). */
export interface VoicingTrackSet {
  readonly f0: Float32Array;
  readonly voicingProbability: Float32Array;
  readonly jitterLocal: Float32Array;
  readonly jitterDDP: Float32Array;
  readonly shimmerLocal: Float32Array;
  readonly logHNR: Float32Array;
}

export type VoicingFunction = (samples: Float32Array, sampleRate: number, hopSeconds: number, frameCount: number) => VoicingTrackSet;

/** ComParE's analysis grid (IS13_ComParE_core.lld.conf.inc). */
export const COMPARE_FRAMING = {
  /** Frame step of every LLD, seconds. */
  hopSeconds: 0.01,
  /** Hamming-windowed frames for the spectrum, MFCC and auditory spectrum; unwindowed for RMS energy. */
  shortFrameSeconds: 0.02,
  /** Unwindowed frames for the zero-crossing rate (and the Gaussian-windowed pitch frames). */
  longFrameSeconds: 0.06,
  melBands: 26,
  melLowHz: 20,
  melHighHz: 8000,
} as const;

/**
 * Raw (unsmoothed) LLD tracks, track-major: track j of frame i is data[j * stride + i]. `frames` rows are
 * output; the `stride - frames` frames after them are look-ahead that openSMILE's smoothers and deltas
 * read at the end of the input (the following 20 ms frames; the 60 ms descriptors repeat their last whole
 * frame there). Without `stride` there is no look-ahead (stride = frames).
 */
export interface RawLlds {
  readonly frames: number;
  readonly data: Float32Array;
  readonly stride?: number;
}

/**
 * The ComParE analysis grid at one sample rate, as openSMILE's cFramer rounds it: frame and hop lengths
 * are whole samples, round(seconds x rate) (at 22.05 kHz the 10 ms hop is 221 samples, so frame i starts at
 * i x 221 / 22050 s, drifting from a 10 ms grid), and frame i starts at sample i x hop.
 */
export interface ComparEGrid {
  readonly sampleRate: number;
  /** Frame step in samples. */
  readonly hop: number;
  /** 20 ms frame length in samples. */
  readonly shortLength: number;
  /** 60 ms frame length in samples. */
  readonly longLength: number;
  /** Frame step in seconds, hop / sampleRate (the RASTA filter's and the deltas' frame period). */
  readonly period: number;
}

export function comparEGrid(sampleRate: number): ComparEGrid {
  const hop = Math.max(1, dsp.secondsToSamples(COMPARE_FRAMING.hopSeconds, sampleRate));
  return {
    sampleRate,
    hop,
    shortLength: dsp.secondsToSamples(COMPARE_FRAMING.shortFrameSeconds, sampleRate),
    longLength: dsp.secondsToSamples(COMPARE_FRAMING.longFrameSeconds, sampleRate),
    period: hop / sampleRate,
  };
}

/** Time of row i: the centre of its 20 ms window, (i x hop + shortLength / 2) / rate seconds. */
export function comparERowTime(grid: ComparEGrid, i: number): number {
  return (i * grid.hop + grid.shortLength / 2) / grid.sampleRate;
}

/**
 * Frame count of the ComParE grid as openSMILE's IS13_ComParE configuration emits it (frame i starts at
 * sample i x hop): the whole 60 ms frames plus one, the row openSMILE's smoothers add when they flush at the
 * end of the input (none if the audio is shorter than 60 ms). The 20 ms descriptors of that last row come
 * from its own 20 ms frame; the 60 ms ones (zero-crossing rate, voicing) repeat the last whole 60 ms frame.
 */
export function compareFrameCount(samples: number, sampleRate: number): number {
  const grid = comparEGrid(sampleRate);
  const long = dsp.frameCount(samples, grid.longLength, grid.hop);
  return long > 0 ? long + 1 : 0;
}

/** Precomputed tables for one sample rate; reusable across signals (the per-signal state is in ComparEFrameDescriptors). */
export class ComparELldAnalyser {
  readonly sampleRate: number;
  readonly grid: ComparEGrid;
  readonly fftSize: number;
  readonly window: Float64Array;
  readonly spectrum: dsp.SpectrumAnalyser;
  readonly bank: dsp.Filterbank;
  readonly mfcc: MfccTransform;

  constructor(sampleRate: number) {
    this.sampleRate = sampleRate;
    this.grid = comparEGrid(sampleRate);
    this.window = dsp.hammingWindow(this.grid.shortLength);
    this.fftSize = dsp.nextPowerOfTwo(this.grid.shortLength);
    this.spectrum = new dsp.SpectrumAnalyser(this.fftSize);
    this.bank = comparEMelBank({
      fftSize: this.fftSize,
      sampleRate,
      bands: COMPARE_FRAMING.melBands,
      lowHz: COMPARE_FRAMING.melLowHz,
      highHz: Math.min(COMPARE_FRAMING.melHighHz, sampleRate / 2),
      scale: 'mel',
    });
    this.mfcc = new MfccTransform(COMPARE_FRAMING.melBands, MFCC_FIRST, MFCC_LAST, 22);
  }

  /** All 65 raw LLD tracks; the 6 voicing ones from `voicing` (zeros if it is null). */
  analyse(samples: Float32Array, voicing: VoicingFunction | null): RawLlds {
    const frames = compareFrameCount(samples.length, this.sampleRate);
    const longFrames = Math.max(0, frames - 1);
    const lldCount = COMPARE_LLDS.length;
    // every whole 20 ms frame (3 more than the rows): the look-ahead openSMILE's smoother and deltas read
    const { hop } = this.grid;
    const computed = frames > 0 ? Math.min(frames + 3, dsp.frameCount(samples.length, this.grid.shortLength, hop)) : 0;
    const data = new Float32Array(lldCount * computed);
    const descriptors = new ComparEFrameDescriptors(this);
    const row = new Float32Array(lldCount);
    const zcr = LLD_OFFSET.energy + 3;
    for (let i = 0; i < computed; i++) {
      descriptors.frame(samples, i * hop, row, i < longFrames);
      // the rows after the last whole 60 ms frame repeat its zero-crossing rate
      if (i >= longFrames) row[zcr] = data[zcr * computed + longFrames - 1];
      for (let j = LLD_OFFSET.energy; j < lldCount; j++) data[j * computed + i] = row[j];
    }

    if (voicing && frames > 0) {
      // voicing on the whole 60 ms frames; the rows after them repeat the last one
      const v = voicing(samples, this.sampleRate, COMPARE_FRAMING.hopSeconds, longFrames);
      const ordered = [v.f0, v.voicingProbability, v.jitterLocal, v.jitterDDP, v.shimmerLocal, v.logHNR];
      ordered.forEach((values, k) => {
        if (values.length !== longFrames) throw new Error(`voicingTracks returned ${values.length} values for ${longFrames} frames`);
        const offset = (LLD_OFFSET.voicing + k) * computed;
        data.set(values, offset);
        data.fill(values[longFrames - 1], offset + longFrames, offset + computed);
      });
    }
    // No NaN or infinity leaves the analyser, whatever the input.
    for (let k = 0; k < data.length; k++) if (!Number.isFinite(data[k])) data[k] = 0;
    return { frames, data, stride: computed };
  }
}

/**
 * The 59 LLDs of the 20 ms and 60 ms frames (all but the six voicing ones) of one signal, frame by frame and in
 * frame order: the RASTA filter and the spectral flux carry state from frame to frame, so each signal (or
 * stream) has its own.
 */
export class ComparEFrameDescriptors {
  /** The 20 ms frame's spectrum (its `frame` holds the frame, unwindowed). */
  private readonly spectrum: FrameSpectrum;
  /** The 60 ms frame and its zero-crossing rate. */
  private readonly crossings: ZeroCrossings;
  private readonly mel = new Float64Array(COMPARE_FRAMING.melBands);
  private readonly aud = new Float64Array(COMPARE_FRAMING.melBands);
  private readonly logWork = new Float64Array(COMPARE_FRAMING.melBands);
  private readonly cepstra = new Float64Array(MFCC_LAST - MFCC_FIRST + 1);
  private readonly spectralValues = new Float64Array(SPECTRAL_DESCRIPTOR_COUNT);
  private readonly auditory: AuditorySpectrum;
  private readonly spectral: SpectralDescriptors;

  constructor(private readonly analyser: ComparELldAnalyser) {
    this.spectrum = new FrameSpectrum(analyser.fftSize, analyser.window);
    this.crossings = new ZeroCrossings(analyser.grid.longLength);
    this.auditory = new AuditorySpectrum(analyser.bank.centres, analyser.grid.period);
    this.spectral = new SpectralDescriptors(analyser.fftSize, analyser.sampleRate);
  }

  /**
   * The frame starting at sample `start` of `samples`: row[j] for every non-voicing LLD j (COMPARE_LLDS order),
   * the zero-crossing rate only when `long` (the 60 ms frame is whole), left as it was otherwise.
   */
  frame(samples: Float32Array, start: number, row: Float32Array, long: boolean): void {
    const { analyser, spectrum, mel, aud, logWork, cepstra, spectralValues } = this;
    const { frame: shortFrame, magnitude, power } = spectrum;
    const e = LLD_OFFSET.energy;
    const s = LLD_OFFSET.spectral;
    const spectralStart = s + RASTA_BANDS;
    const mfccStart = spectralStart + SPECTRAL_DESCRIPTOR_COUNT;
    readFrame(samples, start, shortFrame);
    row[e + 2] = rmsEnergy(shortFrame);
    if (long) {
      readFrame(samples, start, this.crossings.frame);
      row[e + 3] = this.crossings.rate();
    }
    spectrum.analyse();
    applyFilterbank(analyser.bank, power, mel);
    row[e] = this.auditory.plain(mel, aud);
    row[e + 1] = this.auditory.rastaFiltered(mel, aud);
    for (let m = 0; m < RASTA_BANDS; m++) row[s + m] = aud[m];
    this.spectral.compute(magnitude, power, spectralValues);
    for (let k = 0; k < SPECTRAL_DESCRIPTOR_COUNT; k++) row[spectralStart + k] = spectralValues[k];
    analyser.mfcc.compute(mel, logWork, cepstra);
    for (let k = 0; k < cepstra.length; k++) row[mfccStart + k] = cepstra[k];
  }
}
