/**
 * Peak memory of decoding long WAV files, at their own rate and streamed to 16 kHz (the issue-13 bar: a 2-hour 16 kHz mono file needed 1.18 GB peak
 * RSS when files were read whole; target for 2 h of 48 kHz stereo: < 500 MB). Each decode runs in its own
 * process, so maxRSS is that decode's peak. The files (230 MB and 1.4 GB) are written to a scratch folder
 * in blocks and removed after. Figures printed, nothing asserted.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** A 16-bit WAV of `seconds` of a 440 Hz tone, written block by block. */
function writeLongWav(file, seconds, rate, channels) {
  const frames = seconds * rate;
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(Math.min(0xffffffff, 36 + frames * 2 * channels), 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(channels, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2 * channels, 28);
  head.writeUInt16LE(2 * channels, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(frames * 2 * channels, 40);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, head);
  const block = rate * 10;
  const data = new Int16Array(block * channels);
  for (let start = 0; start < frames; start += block) {
    const n = Math.min(block, frames - start);
    for (let i = 0; i < n; i++) for (let c = 0; c < channels; c++) data[i * channels + c] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (start + i)) / rate));
    fs.writeSync(fd, Buffer.from(data.buffer, 0, n * 2 * channels));
  }
  fs.closeSync(fd);
}

const child = `
  const { decodeAudioFile, loadAudio } = require('@emotrans/core');
  const started = Date.now();
  const rate = Number(process.argv[2]);
  (rate ? loadAudio({ kind: 'file', path: process.argv[1] }, rate) : decodeAudioFile(process.argv[1])).then(
    (a) => console.log(JSON.stringify({ ok: true, seconds: a.samples.length / a.sampleRate, ms: Date.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 })),
    (e) => console.log(JSON.stringify({ ok: false, message: e.message, maxRssMb: process.resourceUsage().maxRSS / 1024 })),
  );`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-bench-long-'));
try {
  for (const [rate, channels] of [[16000, 1], [48000, 2]]) {
    const file = path.join(dir, `2h-${rate}-${channels}ch.wav`);
    writeLongWav(file, 7200, rate, channels);
    const size = (fs.statSync(file).size / 2 ** 20).toFixed(0);
    // At the file's own rate (decodeAudioFile), then as a 16 kHz feature set reads it (loadAudio: streamed).
    for (const target of rate === 16000 ? [0] : [0, 16000]) {
      const run = spawnSync(process.execPath, ['-e', child, file, String(target)], { encoding: 'utf8', cwd: path.resolve(__dirname, '..') });
      const out = JSON.parse(run.stdout.trim() || '{}');
      const at = target || rate;
      console.log(
        `${target ? 'load at 16 kHz' : 'decode'} 2 h WAV ${rate} Hz ${channels} ch (${size} MiB): ${out.ok ? `${out.seconds.toFixed(0)} s of mono in ${(out.ms / 1000).toFixed(1)} s` : `refused: ${out.message}`}; peak RSS ${out.maxRssMb?.toFixed(0)} MB (target < 500 MB for 48 kHz stereo; the mono float32 result alone is ${((7200 * at * 4) / 2 ** 20).toFixed(0)} MiB)`,
      );
    }
    fs.rmSync(file);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
