import { dsp } from '@emotrans/core';

/** Roughness frames: long enough (200 ms, Hann) to resolve partials 20-30 Hz apart; one every 100 ms. */
export const ROUGHNESS_FRAME_SECONDS = 0.2;
export const ROUGHNESS_HOP_SECONDS = 0.1;
/** Spectral peaks (partials) considered per frame, strongest first, and their range relative to the strongest. */
const MAX_PARTIALS = 24;
const PARTIAL_RANGE_DB = 40;

/**
 * Sensory dissonance (roughness) per frame after Plomp & Levelt (1965) in Sethares' (1993) parametrisation:
 * the partials of the frame (spectral peaks, parabolically interpolated, amplitude of the sinusoid they
 * stand for) contribute for every pair min(a_i, a_j) (e^(-3.51 s df) - e^(-5.75 s df)) with
 * s = 0.24 / (0.0207 f_min + 18.96); the frame's roughness is the sum over pairs. A single pure tone has ~0,
 * two tones a quarter of a critical band apart the most.
 */
export function roughnessTrack(samples: Float32Array, sampleRate: number): { frames: number; frameRate: number; values: Float32Array } {
  const frameLength = Math.round(ROUGHNESS_FRAME_SECONDS * sampleRate);
  const hop = ROUGHNESS_HOP_SECONDS;
  const frames = dsp.frameCount(samples.length, frameLength, Math.round(hop * sampleRate));
  const fftSize = dsp.nextPowerOfTwo(frameLength);
  const analyser = new dsp.SpectrumAnalyser(fftSize);
  const bins = analyser.bins;
  const binHz = sampleRate / fftSize;
  const window = dsp.hannWindow(frameLength);
  let windowSum = 0;
  for (const w of window) windowSum += w;
  const frame = new Float64Array(frameLength);
  const magnitude = new Float64Array(bins);
  const peakHz = new Float64Array(MAX_PARTIALS);
  const peakAmp = new Float64Array(MAX_PARTIALS);
  const values = new Float32Array(frames);
  const lowest = Math.max(1, Math.floor(20 / binHz));
  const highest = Math.min(bins - 2, Math.ceil(Math.min(8000, sampleRate / 2) / binHz));

  for (let t = 0; t < frames; t++) {
    dsp.readFrame(samples, Math.round(t * hop * sampleRate), frame);
    analyser.analyse(frame, window, magnitude, null);
    let strongest = 0;
    for (let k = lowest; k <= highest; k++) if (magnitude[k] > strongest) strongest = magnitude[k];
    if (!(strongest > 0)) continue;
    const floor = strongest * Math.pow(10, -PARTIAL_RANGE_DB / 20);
    let count = 0;
    for (let k = lowest; k <= highest; k++) {
      const m = magnitude[k];
      if (!(m > floor && m > magnitude[k - 1] && m >= magnitude[k + 1])) continue;
      // Insert sorted by amplitude (strongest first), keeping at most MAX_PARTIALS.
      let slot = Math.min(count, MAX_PARTIALS);
      while (slot > 0 && peakAmp[slot - 1] < m) slot--;
      if (slot >= MAX_PARTIALS) continue;
      for (let s = Math.min(count, MAX_PARTIALS - 1); s > slot; s--) {
        peakAmp[s] = peakAmp[s - 1];
        peakHz[s] = peakHz[s - 1];
      }
      const a = magnitude[k - 1];
      const c = magnitude[k + 1];
      const denominator = a - 2 * m + c;
      const delta = denominator < 0 ? (0.5 * (a - c)) / denominator : 0;
      peakHz[slot] = (k + delta) * binHz;
      peakAmp[slot] = m;
      if (count < MAX_PARTIALS) count++;
    }
    let roughness = 0;
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const fMin = Math.min(peakHz[i], peakHz[j]);
        const df = Math.abs(peakHz[i] - peakHz[j]);
        const s = 0.24 / (0.0207 * fMin + 18.96);
        const amplitude = (2 * Math.min(peakAmp[i], peakAmp[j])) / windowSum;
        roughness += amplitude * (Math.exp(-3.51 * s * df) - Math.exp(-5.75 * s * df));
      }
    }
    values[t] = roughness;
  }
  return { frames, frameRate: 1 / hop, values };
}
