/** Helpers for the praat reference tests: tool availability, espeak-ng speech, praat pitch/intensity. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pearson as pearsonMetric } from '@emotrans/plugin-metrics';

/** Why the praat tests cannot run here (a missing tool), or undefined when they can. */
export function missingTool(): string | undefined {
  for (const [tool, args] of [
    ['praat', ['--version']],
    ['espeak-ng', ['--version']],
    ['sox', ['--version']],
  ] as const) {
    const result = spawnSync(tool, args, { encoding: 'utf8' });
    if (result.error) return `${tool} is not installed (${(result.error as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}

export function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-praat-'));
}

/** Speaks `text` with espeak-ng (extra voice arguments allowed) and resamples it with sox to 16-bit mono WAV at `sampleRate`. */
export function speak(dir: string, name: string, text: string, voiceArgs: readonly string[], sampleRate: number): string {
  const raw = path.join(dir, `${name}-espeak.wav`);
  const out = path.join(dir, `${name}.wav`);
  execFileSync('espeak-ng', [...voiceArgs, '-w', raw, text]);
  execFileSync('sox', [raw, '-r', String(sampleRate), '-b', '16', '-c', '1', out]);
  return out;
}

export interface PraatFrames {
  readonly times: Float64Array;
  /** Hz; NaN where praat calls the frame unvoiced. */
  readonly f0: Float64Array;
  /** dB; NaN where undefined. */
  readonly intensity: Float64Array;
}

/** Praat pitch and intensity at times offset + i * step. */
export function praatPitchIntensity(wav: string, step: number, frames: number, offset: number): PraatFrames {
  const script = path.join(__dirname, 'praat', 'pitch-intensity.praat');
  const text = execFileSync('praat', ['--run', script, wav, String(step), String(frames), String(offset)], { encoding: 'utf8' });
  const lines = text.trim().split('\n');
  if (lines.length !== frames) throw new Error(`praat printed ${lines.length} lines for ${frames} frames`);
  const times = new Float64Array(frames);
  const f0 = new Float64Array(frames);
  const intensity = new Float64Array(frames);
  lines.forEach((line, i) => {
    const [t, f, db] = line.trim().split(/\s+/);
    times[i] = Number(t);
    f0[i] = f === '--undefined--' ? NaN : Number(f);
    intensity[i] = db === '--undefined--' ? NaN : Number(db);
  });
  return { times, f0, intensity };
}

export interface PraatVoiceQuality {
  readonly jitterLocal: number;
  readonly jitterDDP: number;
  readonly shimmerLocal: number;
  /** Mean harmonicity, dB. */
  readonly hnr: number;
}

/** Praat's utterance-level jitter, shimmer and mean HNR (see praat/voice-quality.praat). */
export function praatVoiceQuality(wav: string): PraatVoiceQuality {
  const script = path.join(__dirname, 'praat', 'voice-quality.praat');
  const values = execFileSync('praat', ['--run', script, wav], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  if (values.length !== 4 || values.some((v) => !Number.isFinite(v))) throw new Error(`praat voice quality of ${wav}: ${values.join(' ')}`);
  const [jitterLocal, jitterDDP, shimmerLocal, hnr] = values;
  return { jitterLocal, jitterDDP, shimmerLocal, hnr };
}

/** Pearson's r of two equally long series (the metrics plugin's). */
export const pearson = (x: ArrayLike<number>, y: ArrayLike<number>): number => pearsonMetric.score(x, y);
