import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BadInputError, decodeAudioFile, resample, type Random } from '@emotrans/core';
import { WhiteNoise } from '../noise';
import type { Trajectory } from '../trajectory';
import type { Speaker } from './speakers';

/** eSpeak NG voice variants standing in for the synthetic speakers (SPEAKERS, then POOL_SPEAKERS). */
const VARIANTS = ['m1', 'f2', 'm3', 'f4', 'm5', 'f1', 'm2', 'f3', 'm4', 'f5'];

/** Neutral words the phrases are drawn from: emotion must come from the prosody, not the text. */
const WORDS = (
  'the a of and on in to with from over under near table window river morning evening paper garden ' +
  'station corner number letter yellow open simple middle second answer water market village winter ' +
  'summer window travel follow gather measure record listen walking standing'
).split(' ');

let cachedVersion: string | null | undefined;

/** The installed espeak-ng's version line, or undefined when it is not installed. */
export function espeakVersion(): string | undefined {
  if (cachedVersion === undefined) {
    const run = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
    cachedVersion = run.status === 0 ? run.stdout.trim().split('\n')[0] : null;
  }
  return cachedVersion ?? undefined;
}

/** One phrase spoken by espeak-ng into a temporary WAV file, decoded and resampled. */
async function speak(args: string[], text: string, sampleRate: number): Promise<Float32Array> {
  const file = path.join(os.tmpdir(), `emotrans-espeak-${process.pid}-${Math.random().toString(36).slice(2)}.wav`);
  try {
    const run = spawnSync('espeak-ng', [...args, '-w', file, text], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`espeak-ng ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
    return (await resample(await decodeAudioFile(file), sampleRate, 'medium')).samples;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * Real synthetic speech with the same prosodic coding as the formant voice, through espeak-ng's own
 * controls per phrase: pitch (-p, 0-99) from 4 a + 2 v semitones, speed (-s, words per minute) rising with
 * arousal, amplitude (-a) for the level (-25 + 10 a dB). Phrases of 3-7 neutral words follow each other
 * with pauses that shorten as arousal rises.
 */
export async function renderEspeak(
  speaker: Speaker,
  speakerIndex: number,
  arousal: Trajectory,
  valence: Trajectory,
  seconds: number,
  sampleRate: number,
  random: Random,
  noiseSeed: number,
): Promise<Float32Array> {
  if (!espeakVersion()) throw new BadInputError('emotrans-synth: voice "espeak" needs espeak-ng (apt-get install espeak-ng); voice "formant" needs nothing');
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let t = 0.15 + 0.3 * random.next();
  while (t < seconds - 1) {
    const a = arousal(t);
    const v = valence(t);
    const text = Array.from({ length: 3 + random.int(5) }, () => WORDS[random.int(WORDS.length)]).join(' ');
    const pitch = Math.max(0, Math.min(99, Math.round(50 + 7 * (4 * a + 2 * v))));
    const speed = Math.round(175 * (speaker.rate / 4.3) * 2 ** (0.45 * a));
    const amplitude = Math.max(1, Math.min(200, Math.round(100 * 10 ** ((-5 + 10 * a + speaker.gainDb) / 20))));
    const voice = `en+${VARIANTS[speakerIndex % VARIANTS.length]}`;
    const phrase = await speak(['-v', voice, '-p', String(pitch), '-s', String(speed), '-a', String(amplitude), '-z'], text, sampleRate);
    const first = Math.round(t * sampleRate);
    const count = Math.min(phrase.length, out.length - first);
    for (let i = 0; i < count; i++) out[first + i] += phrase[i];
    t += phrase.length / sampleRate + (0.25 + 0.55 * random.next()) * (1.25 - 0.3 * (a + 1));
  }
  const noise = new WhiteNoise(noiseSeed);
  const floor = 10 ** (-65 / 20) * Math.sqrt(3);
  for (let n = 0; n < out.length; n++) out[n] = Math.max(-1, Math.min(1, out[n] + floor * noise.next()));
  return out;
}
