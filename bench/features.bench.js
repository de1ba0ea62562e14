/**
 * `emotrans features` against SMILExtract, side by side in the same run, on the same 5 minutes of real
 * 16 kHz audio: 10 files of 30 s (4 of read speech from pocketsphinx-testdata, 6 of music from drascula-music,
 * cut and resampled by sox; packages/plugins/compare/test/real-audio/recordings.js), LLD CSV output.
 *
 *   SMILExtract: one `SMILExtract -C IS13_ComParE.conf -I f.wav -lldcsvoutput f.csv` per file, in turn
 *   emotrans:    one `emotrans features f1.wav ... f10.wav --set compare-lld --out x.csv [--jobs 2]`
 *                (whole process: start-up, decoding, extraction, CSV; a fresh feature cache every run)
 *
 * Best of 3 runs each (the least disturbed by other load), wall clock and CPU time; the figures are the ratios
 * SMILExtract time / emotrans time (> 1: emotrans faster). Targets: >= 1.0x wall on one core, >= 1.8x with
 * --jobs 2. The peer is skipped with a message when no SMILExtract is found ($SMILEXTRACT, PATH, or
 * /work/tools/bin/SMILExtract; config from $OPENSMILE_CONFIG or beside it). Also prints the in-process split
 * (extraction alone, CSV formatting) of one 30 s file.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const recordings = require('../packages/plugins/compare/test/real-audio/recordings.js');

const BIN = path.join(__dirname, '..', 'packages', 'core', 'bin', 'emotrans.js');
const REPEAT = Number(process.env.FEATURES_BENCH_REPEAT || 3);
const SECONDS = 30;

function findSmilextract() {
  const candidates = [process.env.SMILEXTRACT, ...String(process.env.PATH).split(':').map((d) => path.join(d, 'SMILExtract')), '/work/tools/bin/SMILExtract'];
  const binary = candidates.find((c) => c && fs.existsSync(c));
  if (!binary) return undefined;
  const configs = [process.env.OPENSMILE_CONFIG, path.join(path.dirname(binary), '..', 'opensmile-src', 'config', 'is09-13', 'IS13_ComParE.conf')];
  const config = configs.find((c) => c && fs.existsSync(c));
  return config ? { binary, config } : undefined;
}

/** 10 files of 30 s at 16 kHz: speech (all pocketsphinx WAVs joined, 4 rotations) and 6 music tracks. */
function makeAudio(dir) {
  const speech = fs
    .readdirSync('/usr/share/pocketsphinx/test/data/librivox')
    .filter((f) => f.endsWith('.wav'))
    .map((f) => path.join('/usr/share/pocketsphinx/test/data/librivox', f))
    .concat([1, 2, 3, 4, 5].map((k) => `/usr/share/pocketsphinx/test/data/cards/00${k}.wav`));
  const files = [];
  for (let k = 0; k < 4; k++) {
    const order = [...speech.slice(k), ...speech.slice(0, k)];
    const out = path.join(dir, `speech${k}.wav`);
    const run = spawnSync('sox', ['-R', '-D', ...order, '-b', '16', '-c', '1', '-r', '16000', out, 'trim', '0', String(SECONDS)]);
    if (run.status !== 0) throw new Error(`sox failed: ${run.stderr}`);
    files.push(out);
  }
  for (const track of [2, 3, 5, 9, 11, 14]) {
    const out = path.join(dir, `music${track}.wav`);
    const run = spawnSync('sox', ['-R', '-D', `/usr/share/scummvm/drascula/audio/track${track}.ogg`, '-b', '16', '-c', '1', '-r', '16000', out, 'trim', '20', String(SECONDS)]);
    if (run.status !== 0) throw new Error(`sox failed: ${run.stderr}`);
    files.push(out);
  }
  return files;
}

/** Wall and CPU seconds of a child process (CPU from /usr/bin/time when there). */
function timed(command, args, env) {
  const time = fs.existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const run = time
    ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', command, ...args], { encoding: 'utf8', env })
    : spawnSync(command, args, { encoding: 'utf8', env });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (run.status !== 0) throw new Error(`${command} ${args.slice(0, 4).join(' ')} ... failed (exit ${run.status}): ${run.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

function best(runs) {
  return { wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)) };
}

function main() {
  const why = recordings.unavailable({ recording: 'music' }) || recordings.unavailable({ recording: 'speech' });
  if (why) {
    console.log(`features bench skipped: ${why}`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'features-bench-'));
  const files = makeAudio(dir);
  const total = files.length * SECONDS;
  const smile = findSmilextract();
  const emotrans = (jobs) => () => {
    const cache = fs.mkdtempSync(path.join(dir, 'cache-'));
    const result = timed(process.execPath, [BIN, 'features', ...files, '--set', 'compare-lld', '--out', path.join(dir, 'emotrans.csv'), '--quiet', '--jobs', String(jobs)], {
      ...process.env,
      EMOTRANS_CACHE: cache,
    });
    fs.rmSync(cache, { recursive: true, force: true });
    return result;
  };
  const smileRun = () => {
    const runs = files.map((f) => timed(smile.binary, ['-C', smile.config, '-I', f, '-lldcsvoutput', `${f}.smile.csv`, '-l', '0']));
    return { wall: runs.reduce((s, r) => s + r.wall, 0), cpu: runs.reduce((s, r) => s + r.cpu, 0) };
  };
  // Interleaved repeats, so both see the same load.
  const results = { smile: [], one: [], two: [] };
  for (let k = 0; k < REPEAT; k++) {
    if (smile) results.smile.push(smileRun());
    results.one.push(emotrans(1)());
    results.two.push(emotrans(2)());
  }
  const x = (t) => `${t.wall.toFixed(2)} s wall (${(total / t.wall).toFixed(0)}x real time), ${Number.isFinite(t.cpu) ? `${t.cpu.toFixed(2)} s CPU` : 'CPU n/a'}`;
  const one = best(results.one);
  const two = best(results.two);
  console.log(`${total} s of real 16 kHz audio (${files.length} files: speech and music), compare-lld / IS13_ComParE LLD CSV, best of ${REPEAT}:`);
  if (smile) {
    const s = best(results.smile);
    console.log(`  SMILExtract (one process per file):   ${x(s)}`);
    console.log(`  emotrans features --jobs 1:            ${x(one)}  -> ${(s.wall / one.wall).toFixed(2)}x SMILExtract wall (target >= 1.0x), ${(s.cpu / one.cpu).toFixed(2)}x CPU`);
    console.log(`  emotrans features --jobs 2:            ${x(two)}  -> ${(s.wall / two.wall).toFixed(2)}x SMILExtract wall (target >= 1.8x)`);
  } else {
    console.log('  SMILExtract not found ($SMILEXTRACT, PATH or /work/tools/bin): peer skipped');
    console.log(`  emotrans features --jobs 1: ${x(one)}`);
    console.log(`  emotrans features --jobs 2: ${x(two)}`);
  }
  // In-process split on one file: extraction and CSV formatting.
  const { decodeAudioFile } = require('@emotrans/core');
  const { featureCsvRows } = require('@emotrans/core/dist/results/feature-csv-rows');
  const { compareLld } = require('@emotrans/plugin-compare');
  decodeAudioFile(files[0]).then(async (audio) => {
    await compareLld.extract(audio, {});
    const c0 = process.cpuUsage();
    const m = await compareLld.extract(audio, {});
    const c1 = process.cpuUsage(c0);
    featureCsvRows(files[0], m);
    const c2 = process.cpuUsage();
    const length = featureCsvRows(files[0], m).length;
    const c3 = process.cpuUsage(c2);
    const s = (c) => ((c.user + c.system) / 1e6).toFixed(2);
    console.log(`  in-process, one ${SECONDS} s file: compare-lld extraction ${s(c1)} s CPU, CSV of its ${m.data.length} values ${s(c3)} s CPU (${length} bytes)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

main();
