import { ShsPitchCandidates, smoothPitchViterbi } from '../compare-building-blocks';
import { GEMAPS_PITCH } from './gemaps-pitch-config';

/** F0 of every 60 ms frame and the frame's Gaussian-windowed magnitude spectrum (cHarmonics reads it). */
export interface GemapsPitch {
  /** F0final in Hz, 0 when unvoiced or below the energy gate. */
  readonly f0: Float32Array;
  /** Magnitude spectra of the Gaussian-windowed 60 ms frames, frame-major (`bins` values each). */
  readonly spectra: Float32Array;
  readonly bins: number;
  /** Sample index where each frame starts. */
  readonly frameStarts: Int32Array;
  readonly frameLength: number;
  readonly hopLength: number;
  /** Frames the Viterbi smoother had decided when the input ended (the rest come from its final flush). */
  readonly decidedBeforeEnd: number;
}

/**
 * GeMAPS F0: subharmonic summation on the octave-scale spectrum of Gaussian-windowed 60 ms frames, Viterbi
 * smoothing (openSMILE's incremental Viterbi with a 40-frame buffer and its F0 range preference), and frames whose windowed RMS is below 0.001 set to 0. Frame t starts at
 * round(t hop); samples beyond the signal are zero.
 */
export function gemapsPitch(samples: Float32Array, sampleRate: number, hopSeconds: number, frameCount: number): GemapsPitch {
  const p = GEMAPS_PITCH;
  const shs = new ShsPitchCandidates(p, sampleRate);
  const { frameLength, bins } = shs;
  const hopLength = Math.max(1, Math.round(hopSeconds * sampleRate));
  const spectra = new Float32Array(frameCount * bins);
  const candF0 = new Float32Array(frameCount * p.nCandidates);
  const candVoicing = new Float32Array(frameCount * p.nCandidates);
  const quiet = new Uint8Array(frameCount);
  const frameStarts = new Int32Array(frameCount);

  for (let t = 0; t < frameCount; t++) {
    const start = t * hopLength;
    frameStarts[t] = start;
    // candidates for every frame, as cPitchShs computes them; the gate applies after the smoother
    if (!(shs.read(samples, start) >= p.energyThreshold)) quiet[t] = 1;
    shs.analyse(candF0, candVoicing, t * p.nCandidates);
    spectra.set(shs.magnitude, t * bins);
  }

  const f0 = new Float32Array(frameCount);
  // compare's smoother is openSMILE's (range cost, change memory from 1, forced decision after bufferLength);
  // GeMAPS keeps only the F0, the chosen voicing goes to a scratch array
  const decidedBeforeEnd = smoothPitchViterbi(candF0, candVoicing, p.nCandidates, frameCount, p.voicingCutoff, p.viterbi, f0, new Float32Array(frameCount), p.viterbiBufferLength);
  for (let t = 0; t < frameCount; t++) if (quiet[t]) f0[t] = 0;
  return { f0, spectra, bins, frameStarts, frameLength, hopLength, decidedBeforeEnd };
}

/** openSMILE's F0finalLog: semitones above 27.5 Hz, 1 for voiced F0 at or below 29.136 Hz, 0 when unvoiced. */
export function semitonesFrom27_5(f0: number): number {
  if (f0 > 29.136) return 12 * Math.log2(f0 / 27.5);
  return f0 > 0 ? 1 : 0;
}
