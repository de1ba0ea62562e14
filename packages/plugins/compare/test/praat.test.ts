/**
 * praat as an independent reference on real (synthetic) speech from espeak-ng: our SHS F0 against praat's
 * autocorrelation pitch, and a frame RMS level against praat's intensity. Skipped, with the reason printed,
 * only when praat, espeak-ng or sox is missing (CI installs them).
 */
import fs from 'node:fs';
import { decodeAudioFile, dsp } from '@emotrans/core';
import { voicingTracks } from '../src/voicing';
import { median } from './voicing-signals';
import { missingTool, pearson, praatPitchIntensity, speak, temporaryDirectory } from './praat-reference';

const SR = 16000;
const HOP = 0.01;
const FRAME = 0.06;
const missing = missingTool();
if (missing) console.log(`praat reference tests skipped: ${missing}`);
const describeWithPraat = missing ? describe.skip : describe;

const SENTENCES: ReadonlyArray<{ name: string; text: string; voice: string[] }> = [
  { name: 'default', text: 'The quick brown fox jumps over the lazy dog. How are you doing today, my friend?', voice: [] },
  { name: 'female', text: 'Music and speech share acoustic codes for emotion, or so we hope to show.', voice: ['-v', 'en+f3'] },
  { name: 'high-slow', text: 'Are you really sure about that? I never would have guessed it.', voice: ['-p', '80', '-s', '130'] },
];

describeWithPraat('praat reference on espeak-ng speech', () => {
  let dir = '';
  beforeAll(() => {
    dir = temporaryDirectory();
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(SENTENCES)('F0 ($name voice): median absolute error below 1 semitone on frames both call voiced', async ({ name, text, voice }) => {
    const wav = speak(dir, name, text, voice, SR);
    const audio = await decodeAudioFile(wav);
    expect(audio.sampleRate).toBe(SR);
    const frames = Math.floor((audio.samples.length / SR - FRAME) / HOP) + 1;
    const ours = voicingTracks(audio.samples, SR, HOP, frames);
    const praat = praatPitchIntensity(wav, HOP, frames, FRAME / 2);
    const errors: number[] = [];
    let praatVoiced = 0;
    let oursVoiced = 0;
    for (let i = 0; i < frames; i++) {
      if (Number.isFinite(praat.f0[i])) praatVoiced++;
      if (ours.f0[i] > 0) oursVoiced++;
      if (ours.f0[i] > 0 && Number.isFinite(praat.f0[i])) errors.push(Math.abs(12 * Math.log2(ours.f0[i] / praat.f0[i])));
    }
    const mae = median(errors);
    console.log(`${name}: ${frames} frames, praat voiced ${praatVoiced}, ours ${oursVoiced}, both ${errors.length}, median |error| ${mae.toFixed(3)} st`);
    // Enough common voiced frames for the comparison to mean something.
    expect(errors.length).toBeGreaterThan(0.5 * praatVoiced);
    expect(mae).toBeLessThan(1);
  });

  it.each(SENTENCES)('frame RMS level ($name voice) correlates with praat intensity, r > 0.9', async ({ name, text, voice }) => {
    const wav = speak(dir, `${name}-level`, text, voice, SR);
    const audio = await decodeAudioFile(wav);
    const frames = Math.floor((audio.samples.length / SR - FRAME) / HOP) + 1;
    // RMS level of the same 60 ms Gaussian-windowed frames the voicing analysis uses (as openSMILE's energy).
    const frameLength = Math.round(FRAME * SR);
    const window = dsp.gaussianWindow(frameLength, 0.4);
    const buffer = new Float64Array(frameLength);
    const levelDb = new Float64Array(frames);
    for (let i = 0; i < frames; i++) {
      dsp.readFrame(audio.samples, Math.round(i * HOP * SR), buffer);
      let energy = 0;
      for (let k = 0; k < frameLength; k++) energy += (buffer[k] * window[k]) ** 2;
      levelDb[i] = 10 * Math.log10(energy / frameLength + 1e-10);
    }
    const praat = praatPitchIntensity(wav, HOP, frames, FRAME / 2);
    // Frames within 50 dB of praat's loudest (leaves out the digital silence around the utterance).
    let loudest = -Infinity;
    for (const v of praat.intensity) if (Number.isFinite(v)) loudest = Math.max(loudest, v);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < frames; i++) {
      if (Number.isFinite(praat.intensity[i]) && praat.intensity[i] > loudest - 50) {
        a.push(praat.intensity[i]);
        b.push(levelDb[i]);
      }
    }
    const r = pearson(a, b);
    console.log(`${name}: intensity correlation r = ${r.toFixed(3)} over ${a.length} of ${frames} frames`);
    expect(a.length).toBeGreaterThan(0.5 * frames);
    expect(r).toBeGreaterThan(0.9);
  });
});
