import { dsp } from '@emotrans/core';
import { FrameSpectrum } from '../spectrum/frame-spectrum';
import { OctaveSpectrum } from './octave-spectrum';
import { SubharmonicSummation } from './subharmonic-summation';

// Read once: the namespace's re-export getters cost measurable time in the per-frame loops.
const { readFrame } = dsp;

/** The parameters of openSMILE's cFramer / cWindower / cSpecScale / cPitchShs chain (COMPARE_PITCH, GEMAPS_PITCH). */
export interface ShsPitchSettings {
  readonly frameSeconds: number;
  readonly gaussSigma: number;
  readonly octaveMinHz: number;
  readonly minPitchHz: number;
  readonly maxPitchHz: number;
  readonly nCandidates: number;
  readonly nHarmonics: number;
  readonly compressionFactor: number;
}

/**
 * Pitch candidates of one frame at a time, as openSMILE's SHS chain computes them: a Gaussian-windowed frame of
 * round(frameSeconds x rate) samples (zero beyond the signal), its magnitude spectrum, the octave-scale spectrum
 * and subharmonic summation between minPitchHz and min(maxPitchHz, 0.45 x rate). Shared by ComParE and GeMAPS,
 * which differ in the pitch range and in what they do with quiet frames.
 */
export class ShsPitchCandidates {
  readonly frameLength: number;
  readonly bins: number;
  /** Magnitude spectrum of the frame `analyse` saw last. */
  readonly magnitude: Float64Array;
  private readonly spectrum: FrameSpectrum;
  private readonly window: Float64Array;
  private readonly octave: OctaveSpectrum;
  private readonly shs: SubharmonicSummation;
  private readonly octaveSpectrum: Float64Array;

  constructor(settings: ShsPitchSettings, sampleRate: number) {
    const p = settings;
    this.frameLength = Math.round(p.frameSeconds * sampleRate);
    const fftSize = dsp.nextPowerOfTwo(this.frameLength);
    this.window = dsp.gaussianWindow(this.frameLength, p.gaussSigma);
    this.spectrum = new FrameSpectrum(fftSize, this.window);
    this.bins = this.spectrum.bins;
    this.octave = new OctaveSpectrum(this.bins, sampleRate / fftSize, p.octaveMinHz);
    const maxPitch = Math.min(p.maxPitchHz, (sampleRate / 2) * 0.9);
    this.shs = new SubharmonicSummation(this.octave, p.nHarmonics, p.compressionFactor, p.minPitchHz, maxPitch, p.nCandidates);
    this.magnitude = this.spectrum.magnitude;
    this.octaveSpectrum = new Float64Array(this.bins);
  }

  /** Reads the frame starting at sample `start`; returns its windowed RMS (the energy gate's input). */
  read(samples: Float32Array, start: number): number {
    const { window, frameLength } = this;
    const frame = this.spectrum.frame;
    readFrame(samples, start, frame);
    let energy = 0;
    for (let i = 0; i < frameLength; i++) {
      const v = frame[i] * window[i];
      energy += v * v;
    }
    return Math.sqrt(energy / frameLength);
  }

  /** Spectrum of the frame read last (into `magnitude`) and its candidates, written at `offset`. */
  analyse(candF0: Float32Array, candVoicing: Float32Array, offset: number): void {
    this.spectrum.analyse();
    this.octave.transform(this.magnitude, this.octaveSpectrum);
    this.shs.candidates(this.octaveSpectrum, candF0, candVoicing, offset);
  }
}
