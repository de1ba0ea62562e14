/**
 * Speech rate on real (synthetic) speech: espeak-ng reads sentences of known syllable count at three
 * speeds; the syllable nuclei found should match the syllable count and their rate should rise with speed.
 * Skipped, with the reason printed, only when espeak-ng or sox is missing (CI installs them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeAudioFile } from '@emotrans/core';
import { voicingTracks } from '@emotrans/plugin-compare';
import { spectralTracks, syllableNuclei } from '../src';

const missing = ['espeak-ng', 'sox'].find((tool) => spawnSync(tool, ['--version']).error);
if (missing) console.log(`speech-rate tests skipped: ${missing} is not installed`);
const describeWithEspeak = missing ? describe.skip : describe;

const SENTENCES: ReadonlyArray<[string, number]> = [
  ['The quick brown fox jumps over the lazy dog.', 11],
  ['Music and speech share acoustic codes for emotion, or so we hope to show.', 18],
  ['I never would have guessed that it was you all along, my dear friend.', 17],
];
const SR = 22050;

describeWithEspeak('syllable nuclei on espeak-ng speech', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-speech-rate-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function nucleiAndDuration(text: string, wordsPerMinute: number): Promise<{ nuclei: number; seconds: number }> {
    const raw = path.join(dir, 'raw.wav');
    const wav = path.join(dir, 'speech.wav');
    execFileSync('espeak-ng', ['-s', String(wordsPerMinute), '-w', raw, text]);
    execFileSync('sox', [raw, '-r', String(SR), '-b', '16', wav]);
    const audio = await decodeAudioFile(wav);
    const hop = Math.round(0.01 * SR);
    const frames = Math.floor((audio.samples.length - 1) / hop) + 1;
    const spectral = spectralTracks(audio.samples, SR, 0.01, frames);
    const f0 = voicingTracks(audio.samples, SR, 0.01, frames).f0;
    const marks = syllableNuclei(spectral.levelDb, Uint8Array.from(f0, (f) => (f > 0 ? 1 : 0)), 100);
    return { nuclei: marks.reduce((a, b) => a + b, 0), seconds: audio.samples.length / SR };
  }

  it('finds the syllables of the sentences (total within 25 %) at 120, 175 and 250 words per minute, faster speech giving a higher rate', async () => {
    const syllables = SENTENCES.reduce((sum, [, n]) => sum + n, 0);
    const rates: number[] = [];
    for (const wpm of [120, 175, 250]) {
      let nuclei = 0;
      let seconds = 0;
      for (const [text] of SENTENCES) {
        const r = await nucleiAndDuration(text, wpm);
        nuclei += r.nuclei;
        seconds += r.seconds;
      }
      console.log(`${wpm} wpm: ${nuclei} nuclei for ${syllables} syllables in ${seconds.toFixed(2)} s`);
      expect(Math.abs(nuclei - syllables) / syllables).toBeLessThan(0.25);
      rates.push(nuclei / seconds);
    }
    expect(rates[1]).toBeGreaterThan(rates[0]);
    expect(rates[2]).toBeGreaterThan(rates[1]);
  });
});
