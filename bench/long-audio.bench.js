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

const { writeLongTestWav } = require('@emotrans/core');

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
    writeLongTestWav(file, 7200, rate, channels);
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
