import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder for one test's corpus layout. */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `emotrans-corpora-${label}-`));
}

/** Writes text to `root/relative`, creating folders. */
export function writeText(root: string, relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A tiny mono 16-bit WAV of a 100 Hz sine, `seconds` long at 1 kHz (the loaders only read its header). */
export function writeWav(root: string, relative: string, seconds: number, sampleRate = 1000): string {
  const frames = Math.round(seconds * sampleRate);
  const buffer = Buffer.alloc(44 + 2 * frames);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + 2 * frames, 4);
  buffer.write('WAVEfmt ', 8, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(2 * sampleRate, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(2 * frames, 40);
  for (let i = 0; i < frames; i++) buffer.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 100 * i) / sampleRate)), 44 + 2 * i);
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, buffer);
  return file;
}

/** A stand-in MP3 (an MPEG frame header and zeros): the loaders match it by name and never decode it. */
export function writeFakeMp3(root: string, relative: string): string {
  const bytes = Buffer.alloc(64);
  bytes[0] = 0xff;
  bytes[1] = 0xfb;
  return writeText(root, relative, bytes.toString('latin1'));
}

