import { dsp } from '@emotrans/core';
import { criticalBands } from './critical-bands';
import { LoudnessModel } from './loudness-sharpness';

/** Frame-level tracks of the short-frame analysis (one value per frame each). */
export interface SpectralTracks {
  readonly frames: number;
  /** Zwicker-style loudness, sone. */
  readonly loudness: Float32Array;
  /** DIN 45692-weighted sharpness, acum. */
  readonly sharpness: Float32Array;
  /** Magnitude-weighted mean frequency, Hz (0 for silence). */
  readonly centroid: Float32Array;
  /** Euclidean distance between successive unit-sum magnitude spectra. */
  readonly flux: Float32Array;
  /** Onset strength: mean over bins of the rise in log-compressed magnitude (half-wave rectified). */
  readonly onsetStrength: Float32Array;
  /** RMS level of the (window-normalised) frame, dB re full scale, floored at -100. */
  readonly levelDb: Float32Array;
}

/** Short analysis frames: 40 ms Hann windows every `hopSeconds` (frame i starts at round(i hop sr)). */
export const SPECTRAL_FRAME_SECONDS = 0.04;

/** Compression constant of the onset function's log(1 + C * amplitude). */
const ONSET_COMPRESSION = 1000;

export function spectralTracks(samples: Float32Array, sampleRate: number, hopSeconds: number, frames: number): SpectralTracks {
  const frameLength = Math.round(SPECTRAL_FRAME_SECONDS * sampleRate);
  const fftSize = dsp.nextPowerOfTwo(frameLength);
  const analyser = new dsp.SpectrumAnalyser(fftSize);
  const bins = analyser.bins;
  const binHz = sampleRate / fftSize;
  const window = dsp.hannWindow(frameLength);
  let windowSum = 0;
  let windowEnergy = 0;
  for (const w of window) {
    windowSum += w;
    windowEnergy += w * w;
  }
  const bands = criticalBands(bins, binHz);
  const loudnessModel = new LoudnessModel(bands);

  const out: SpectralTracks = {
    frames,
    loudness: new Float32Array(frames),
    sharpness: new Float32Array(frames),
    centroid: new Float32Array(frames),
    flux: new Float32Array(frames),
    onsetStrength: new Float32Array(frames),
    levelDb: new Float32Array(frames),
  };
  const frame = new Float64Array(frameLength);
  const magnitude = new Float64Array(bins);
  const power = new Float64Array(bins);
  const bandPower = new Float64Array(bands.count);
  const previousNormalised = new Float64Array(bins);
  const previousLog = new Float64Array(bins);
  const result = new Float64Array(2);
  // Mean square of the frame from its spectrum (Parseval, one-sided) and the amplitude of a bin's sinusoid.
  const powerScale = 2 / (fftSize * windowEnergy);
  const amplitudeScale = 2 / windowSum;

  for (let t = 0; t < frames; t++) {
    dsp.readFrame(samples, Math.round(t * hopSeconds * sampleRate), frame);
    analyser.analyse(frame, window, magnitude, power);

    bandPower.fill(0);
    let meanSquare = 0;
    let magnitudeSum = 0;
    let weighted = 0;
    for (let k = 1; k < bins; k++) {
      const p = power[k] * powerScale;
      meanSquare += p;
      const b = bands.bandOfBin[k];
      if (b >= 0) bandPower[b] += p;
      magnitudeSum += magnitude[k];
      weighted += k * binHz * magnitude[k];
    }
    loudnessModel.analyse(bandPower, result);
    out.loudness[t] = result[0];
    out.sharpness[t] = result[1];
    out.centroid[t] = magnitudeSum > 0 ? weighted / magnitudeSum : 0;
    out.levelDb[t] = Math.max(-100, 10 * Math.log10(meanSquare + 1e-12));

    let flux = 0;
    let rise = 0;
    for (let k = 1; k < bins; k++) {
      const normalised = magnitudeSum > 0 ? magnitude[k] / magnitudeSum : 0;
      const d = normalised - previousNormalised[k];
      flux += d * d;
      previousNormalised[k] = normalised;
      const compressed = Math.log1p(ONSET_COMPRESSION * amplitudeScale * magnitude[k]);
      if (t > 0 && compressed > previousLog[k]) rise += compressed - previousLog[k];
      previousLog[k] = compressed;
    }
    out.flux[t] = t > 0 ? Math.sqrt(flux) : 0;
    out.onsetStrength[t] = rise / (bins - 1);
  }
  return out;
}
