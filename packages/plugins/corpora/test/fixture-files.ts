import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWav16 } from '@emotrans/core';

/** A fresh temporary folder for one test's corpus layout. */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `emotrans-corpora-${label}-`));
}

/** Writes text or bytes to `root/relative`, creating folders. */
export function writeBytes(root: string, relative: string, content: string | Uint8Array): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

export const writeText = (root: string, relative: string, text: string): string => writeBytes(root, relative, text);

/** A tiny mono 16-bit WAV of a 100 Hz sine, `seconds` long at 1 kHz (the loaders only read its header). */
export function writeWav(root: string, relative: string, seconds: number, sampleRate = 1000): string {
  const samples = Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => (8000 / 32767) * Math.sin((2 * Math.PI * 100 * i) / sampleRate));
  return writeBytes(root, relative, encodeWav16(samples, sampleRate));
}

/** A stand-in MP3 (an MPEG frame header and zeros): the loaders match it by name and never decode it. */
export function writeFakeMp3(root: string, relative: string): string {
  const bytes = Buffer.alloc(64);
  bytes[0] = 0xff;
  bytes[1] = 0xfb;
  return writeText(root, relative, bytes.toString('latin1'));
}


/**
 * A miniature of the MediaEval 2014 release layout for one song: `clips_45seconds/<song>.wav` (46 s),
 * `annotations/` with the averaged dynamic files (2 points), a std file, songs_info.csv (quoted and
 * tab-padded as released) and static_annotations.csv (`mean_arousal`, `mean_valence` on 1-9).
 */
export function mediaEvalLayout(label: string, song: string, values: { arousal: [number, number]; valence: [number, number]; static: [number, number] }) {
  const root = tempDir(label);
  const dynamic = (pair: readonly number[]) => `song_id,sample_15000ms,sample_15500ms\n${song},${pair.join(',')}\n`;
  writeWav(root, `clips_45seconds/${song}.wav`, 46);
  writeText(root, 'annotations/arousal_cont_average.csv', dynamic(values.arousal));
  writeText(root, 'annotations/valence_cont_average.csv', dynamic(values.valence));
  writeText(root, 'annotations/arousal_cont_std.csv', dynamic([0.4, 0.4]));
  writeText(root, 'annotations/songs_info.csv', `"song_id","file_name","Artist"\n${song},"\t${song}.mp3","A\t"\n`);
  const staticFile = writeText(
    root,
    'annotations/static_annotations.csv',
    `song_id,mean_arousal,std_arousal,mean_valence,std_valence\n${song},${values.static[0]},0.99443,${values.static[1]},0.66667\n`,
  );
  return { root, staticFile };
}
