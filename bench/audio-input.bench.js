/** Audio input throughput: WAV decoding, resampling to 16 kHz at each quality, and content hashing for the cache. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { decodeAudioFile, fileContentKey, resample } = require('@emotrans/core');

/** A 16-bit stereo WAV of `seconds` of a 440 Hz tone at 44.1 kHz. */
function writeWav(file, seconds) {
  const rate = 44100;
  const frames = rate * seconds;
  const data = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) data[2 * i] = data[2 * i + 1] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate));
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.byteLength, 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(2, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 4, 28);
  head.writeUInt16LE(4, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.byteLength, 40);
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(data.buffer)]));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-bench-audio-'));
  try {
    const seconds = 120;
    const file = path.join(dir, 'tone.wav');
    writeWav(file, seconds);
    const time = async (label, run) => {
      const start = process.hrtime.bigint();
      const result = await run();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  (${((seconds * 1000) / ms).toFixed(0)}x real time)`);
      return result;
    };
    const signal = await time(`decode ${seconds} s stereo 16-bit WAV`, () => decodeAudioFile(file));
    for (const quality of ['fastest', 'medium', 'best']) await time(`resample 44.1 -> 16 kHz (${quality})`, () => resample(signal, 16000, quality));
    await time(`hash ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB (first time)`, () => fileContentKey(file));
    await time('hash again (remembered by stat)', () => fileContentKey(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
main();
