import fs from 'node:fs';

/**
 * Writes a 16-bit PCM WAV of `seconds` (any length: hours) for tests and benchmarks of long audio: a 3 s cycle of
 * 2.2 s of a gliding two-partial tone (F0 110-190 Hz, voiced as speech is) and 0.8 s of silence, the channels
 * after the first at half level. The cycle is computed once and written again and again, so a long file costs
 * only its bytes.
 */
export function writeLongTestWav(file: string, seconds: number, sampleRate: number, channels: number): void {
  const frames = Math.round(seconds * sampleRate);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(Math.min(0xffffffff, 36 + frames * 2 * channels), 4);
  head.write('WAVEfmt ', 8, 'ascii');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(channels, 22);
  head.writeUInt32LE(sampleRate, 24);
  head.writeUInt32LE(sampleRate * 2 * channels, 28);
  head.writeUInt16LE(2 * channels, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(Math.min(0xffffffff, frames * 2 * channels), 40);
  const cycle = 3 * sampleRate;
  const data = new Int16Array(cycle * channels);
  let phase = 0;
  for (let i = 0; i < cycle; i++) {
    const t = i / sampleRate;
    phase += (2 * Math.PI * (150 + 40 * Math.sin((2 * Math.PI * t) / 2.2))) / sampleRate;
    const v = t < 2.2 ? Math.round(6000 * (Math.sin(phase) + 0.4 * Math.sin(2 * phase))) : 0;
    for (let c = 0; c < channels; c++) data[i * channels + c] = c === 0 ? v : v >> 1;
  }
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, head);
    for (let start = 0; start < frames; start += cycle) fs.writeSync(fd, Buffer.from(data.buffer, 0, Math.min(cycle, frames - start) * 2 * channels));
  } finally {
    fs.closeSync(fd);
  }
}
