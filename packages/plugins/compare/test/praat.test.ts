/**
 * praat as an independent reference on real (synthetic) speech from espeak-ng: our SHS F0 against praat's
 * autocorrelation pitch, and compare-lld's RMS energy and loudness against praat's intensity. Skipped, with the reason printed,
 * only when praat, espeak-ng or sox is missing (CI installs them).
 */
import fs from 'node:fs';
import { decodeAudioFile } from '@emotrans/core';
import { COMPARE_TRACK_NAMES, extractComparETracks } from '../src';
import { voicingTracks } from '../src/voicing';
import { mean, median } from './voicing-signals';
import { missingTool, pearson, praatPitchIntensity, praatVoiceQuality, speak, temporaryDirectory } from './praat-reference';

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

  it.each(SENTENCES)('F0 ($name voice): median absolute error below 1 semitone on frames both call voiced, few gross errors, same voicing decisions', async ({ name, text, voice }) => {
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
    const gross = errors.filter((e) => e > 1).length / errors.length;
    const neither = frames - praatVoiced - oursVoiced + errors.length;
    const agreement = (errors.length + neither) / frames;
    console.log(
      `${name}: ${frames} frames, praat voiced ${praatVoiced}, ours ${oursVoiced}, both ${errors.length}, median |error| ${mae.toFixed(3)} st, ` +
        `gross (> 1 st) ${(100 * gross).toFixed(1)} %, voicing agreement ${(100 * agreement).toFixed(1)} %`,
    );
    // Enough common voiced frames for the comparison to mean something.
    expect(errors.length).toBeGreaterThan(0.5 * praatVoiced);
    expect(mae).toBeLessThan(1);
    // Few gross (octave-type) errors, and mostly the same voiced/unvoiced decisions.
    expect(gross).toBeLessThan(0.1);
    expect(agreement).toBeGreaterThan(0.85);
  });

  it.each(SENTENCES)('compare-lld RMS energy and loudness in dB ($name voice) correlate with praat intensity, r > 0.9', async ({ name, text, voice }) => {
    const wav = speak(dir, `${name}-level`, text, voice, SR);
    const audio = await decodeAudioFile(wav);
    const { tracks } = await extractComparETracks(audio);
    const track = (trackName: string) => {
      const j = COMPARE_TRACK_NAMES.indexOf(trackName);
      expect(j).toBeGreaterThanOrEqual(0);
      return tracks.data.subarray(j * tracks.frames, (j + 1) * tracks.frames);
    };
    const rms = track('pcm_RMSenergy_sma');
    const loudness = track('audspec_lengthL1norm_sma');
    // ComParE's energy frames are 20 ms long and start every 10 ms: praat is read at their centres.
    const praat = praatPitchIntensity(wav, HOP, tracks.frames, 0.01);
    // Frames within 50 dB of praat's loudest (leaves out the digital silence around the utterance).
    let loudest = -Infinity;
    for (const v of praat.intensity) if (Number.isFinite(v)) loudest = Math.max(loudest, v);
    const reference: number[] = [];
    const rmsDb: number[] = [];
    const loudnessDb: number[] = [];
    for (let i = 0; i < tracks.frames; i++) {
      if (Number.isFinite(praat.intensity[i]) && praat.intensity[i] > loudest - 50) {
        reference.push(praat.intensity[i]);
        rmsDb.push(20 * Math.log10(rms[i] + 1e-10));
        loudnessDb.push(10 * Math.log10(loudness[i] + 1e-10));
      }
    }
    const rRms = pearson(reference, rmsDb);
    const rLoudness = pearson(reference, loudnessDb);
    console.log(`${name}: praat intensity vs RMS energy r = ${rRms.toFixed(3)}, vs loudness r = ${rLoudness.toFixed(3)} over ${reference.length} of ${tracks.frames} frames`);
    expect(reference.length).toBeGreaterThan(0.5 * tracks.frames);
    expect(rRms).toBeGreaterThan(0.9);
    expect(rLoudness).toBeGreaterThan(0.9);
  });

  it('praat variant: utterance jitter (local, DDP) and shimmer agree with praat; mean HNR follows praat up to a common offset', async () => {
    const hnrOffsets: number[] = [];
    for (const { name, text, voice } of SENTENCES) {
      const wav = speak(dir, `${name}-quality`, text, voice, SR);
      const audio = await decodeAudioFile(wav);
      const frames = Math.floor((audio.samples.length / SR - FRAME) / HOP) + 1;
      const t = voicingTracks(audio.samples, SR, HOP, frames, { voiceQuality: 'praat' });
      const voiced = (track: Float32Array) => mean(Array.from(track).filter((_, i) => t.f0[i] > 0));
      const praat = praatVoiceQuality(wav);
      const mine = { jitterLocal: voiced(t.jitterLocal), jitterDDP: voiced(t.jitterDDP), shimmerLocal: voiced(t.shimmerLocal), hnr: voiced(t.logHNR) };
      console.log(`${name}: praat ${JSON.stringify(praat)}\n${name}: ours  ${JSON.stringify(mine)}`);
      // Different period estimators (ours: cross-correlation of pulse-centred one-period stretches; praat:
      // waveform-matched point process), so agreement is close, not exact; DDP (second differences)
      // amplifies period-estimation noise most. espeak-ng's output varies from run to run (its female voice
      // most); over 10 runs (2026-11-25): local within 2-21 %, DDP 13-38 %, shimmer 8-36 %.
      expect(Math.abs(mine.jitterLocal - praat.jitterLocal) / praat.jitterLocal).toBeLessThan(0.3);
      expect(Math.abs(mine.jitterDDP - praat.jitterDDP) / praat.jitterDDP).toBeLessThan(0.5);
      expect(Math.abs(mine.shimmerLocal - praat.shimmerLocal) / praat.shimmerLocal).toBeLessThan(0.45);
      hnrOffsets.push(mine.hnr - praat.hnr);
    }
    // Mean over voiced frames of our period-correlation HNR vs praat's mean cc harmonicity: ours correlates
    // pulse-centred stretches, praat frames at fixed times, so ours runs ~3 dB higher on espeak voices, but
    // by about the same amount for every voice.
    for (const offset of hnrOffsets) expect(offset).toBeGreaterThan(-1);
    for (const offset of hnrOffsets) expect(offset).toBeLessThan(5);
    expect(Math.max(...hnrOffsets) - Math.min(...hnrOffsets)).toBeLessThan(2);
  });
});
