/**
 * `emotrans features` against SMILExtract, side by side in the same run, on the same 5 minutes of real
 * 16 kHz audio: 10 files of 30 s (4 of read speech from pocketsphinx-testdata, 6 of music from drascula-music,
 * cut and resampled by sox; packages/plugins/compare/test/real-audio/recordings.js), LLD CSV output.
 *
 *   SMILExtract: one `SMILExtract -C IS13_ComParE.conf -I f.wav -lldcsvoutput f.csv` per file, in turn
 *   emotrans:    one `emotrans features f1.wav ... f10.wav --set compare-lld --out x.csv --jobs 1|2`
 *                (whole process: start-up, decoding, extraction, CSV; a fresh feature cache every run)
 *
 * The three are run in turn, FEATURES_BENCH_REPEAT times (default 5), so each sees the same load; the figures
 * are medians, as ratios SMILExtract time / emotrans time (> 1: emotrans faster), of wall clock and of CPU
 * time (user + system of the process; with --jobs 2 the CPU of both threads, so its CPU ratio is below its
 * wall ratio). Targets: >= 1.0x wall with --jobs 1, >= 1.8x with --jobs 2. The machine may be shared: the load
 * average is printed before and after, and the CPU ratios are the steadier figure. The peer is skipped with a
 * message when no SMILExtract is found ($SMILEXTRACT, PATH, or /work/tools/bin/SMILExtract; config from
 * $OPENSMILE_CONFIG or beside it). What two cores give at the moment is measured on the peer too: its files
 * in two chains of processes at once (half each), as a speed-up over its serial run; --jobs 2 cannot reach
 * 1.8x while that figure is well below 2 (the other core is busy with other work). Also prints the in-process split (extraction, CSV formatting) of one
 * 30 s file, for compare-lld and compare-1hz.
 *
 * Then eGeMAPS the same way (egemapsSideBySide): `SMILExtract -C egemaps/v02/eGeMAPSv02.conf -I f.wav
 * -csvoutput f.csv` per file against `emotrans features ... --set egemaps` (88 functionals per file), and the
 * in-process split of egemaps' extraction (LLDs, smoothing, functionals).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const recordings = require('../packages/plugins/compare/test/real-audio/recordings.js');

const BIN = path.join(__dirname, '..', 'packages', 'core', 'bin', 'emotrans.js');
const REPEAT = Number(process.env.FEATURES_BENCH_REPEAT || 5);
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

/** Wall seconds of running `argsOf(file)` for every file in two chains of processes at once (half each). */
function twoAtOnce(binary, files, argsOf) {
  const chain = (part) =>
    part.reduce((before, file) => before.then(() => new Promise((resolve, reject) => {
      const child = spawn(binary, argsOf(file), { stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${binary} exited with ${code} on ${file}`))));
    })), Promise.resolve());
  const half = Math.ceil(files.length / 2);
  const t0 = process.hrtime.bigint();
  return Promise.all([chain(files.slice(0, half)), chain(files.slice(half))]).then(() => Number(process.hrtime.bigint() - t0) / 1e9);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const medians = (runs) => ({ wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) });
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** The in-process CPU of extracting one file with `set` and of formatting its CSV rows (after a warm-up). */
async function inProcessSplit(file, setId) {
  const { decodeAudioFile } = require('@emotrans/core');
  const { featureCsvRows } = require('@emotrans/core/dist/results/feature-csv-rows');
  const plugin = require('@emotrans/plugin-compare');
  const set = Object.values(plugin).find((s) => s && s.manifest && s.manifest.id === setId);
  const audio = await decodeAudioFile(file);
  const options = setId.endsWith('1hz') ? { window: 1, hop: 1 } : {};
  await set.extract(audio, options);
  const c0 = process.cpuUsage();
  const m = await set.extract(audio, options);
  const c1 = process.cpuUsage(c0);
  featureCsvRows(file, m);
  const c2 = process.cpuUsage();
  const length = featureCsvRows(file, m).length;
  const c3 = process.cpuUsage(c2);
  const s = (c) => ((c.user + c.system) / 1e6).toFixed(3);
  console.log(`  in-process, one ${SECONDS} s file, ${setId}: extraction ${s(c1)} s CPU, CSV of its ${m.data.length} values ${s(c3)} s CPU (${length} bytes)`);
}

/**
 * SMILExtract (one process per file with `smileArgs(file)`, when given) and `emotrans features --set <set>`
 * with --jobs 1 and --jobs 2, run in turn REPEAT times so all three see the same load: every run's times.
 */
async function sideBySide(files, dir, set, smile, smileArgs) {
  const emotrans = (jobs) => {
    const cache = fs.mkdtempSync(path.join(dir, 'cache-'));
    const args = [BIN, 'features', ...files, '--set', set, '--out', path.join(dir, `${set}.csv`), '--quiet', '--jobs', String(jobs)];
    const result = timed(process.execPath, args, { ...process.env, EMOTRANS_CACHE: cache });
    fs.rmSync(cache, { recursive: true, force: true });
    return result;
  };
  const smileRun = () => {
    const runs = files.map((f) => timed(smile.binary, smileArgs(f)));
    return { wall: runs.reduce((s, r) => s + r.wall, 0), cpu: runs.reduce((s, r) => s + r.cpu, 0) };
  };
  const results = { smile: [], smileTwo: [], one: [], two: [] };
  for (let k = 0; k < REPEAT; k++) {
    if (smileArgs) results.smile.push(smileRun());
    if (smileArgs) results.smileTwo.push(await twoAtOnce(smile.binary, files, smileArgs));
    results.one.push(emotrans(1));
    results.two.push(emotrans(2));
  }
  return results;
}

const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : 'n/a');

async function main() {
  const why = recordings.unavailable({ recording: 'music' }) || recordings.unavailable({ recording: 'speech' });
  if (why) {
    console.log(`features bench skipped: ${why}`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'features-bench-'));
  try {
    const files = makeAudio(dir);
    const total = files.length * SECONDS;
    const smile = findSmilextract();
    const loadBefore = loadAverage();
    const results = await sideBySide(files, dir, 'compare-lld', smile, smile && ((f) => ['-C', smile.config, '-I', f, '-lldcsvoutput', `${f}.smile.csv`, '-l', '0']));
    const x = (t) => `${t.wall.toFixed(2)} s wall (${(total / t.wall).toFixed(0)}x real time), ${Number.isFinite(t.cpu) ? `${t.cpu.toFixed(2)} s CPU` : 'CPU n/a'}`;
    const one = medians(results.one);
    const two = medians(results.two);
    console.log(`${total} s of real 16 kHz audio (${files.length} files: speech and music), compare-lld / IS13_ComParE LLD CSV, median of ${REPEAT} alternating runs:`);
    if (smile) {
      const s = medians(results.smile);
      console.log(`  SMILExtract (one process per file): ${x(s)}`);
      console.log(`  emotrans features --jobs 1:         ${x(one)}  -> ${ratio(s.wall, one.wall)} SMILExtract wall (target >= 1.0x), ${ratio(s.cpu, one.cpu)} CPU`);
      console.log(`  emotrans features --jobs 2:         ${x(two)}  -> ${ratio(s.wall, two.wall)} SMILExtract wall (target >= 1.8x), ${ratio(s.cpu, two.cpu)} CPU (both threads)`);
      const each = (runs) => runs.map((r) => (s.wall / r.wall).toFixed(2)).join(' ');
      console.log(`  wall ratios per run: --jobs 1 ${each(results.one)}; --jobs 2 ${each(results.two)} (vs the median SMILExtract)`);
      const pair = median(results.smileTwo);
      console.log(`  what 2 cores give now: SMILExtract, two processes at once: ${pair.toFixed(2)} s wall -> ${ratio(s.wall, pair)} its serial run (per run ${results.smileTwo.map((w) => (s.wall / w).toFixed(2)).join(' ')})`);
    } else {
      console.log('  SMILExtract not found ($SMILEXTRACT, PATH or /work/tools/bin): peer skipped');
      console.log(`  emotrans features --jobs 1: ${x(one)}`);
      console.log(`  emotrans features --jobs 2: ${x(two)}`);
    }
    console.log(`  load average (1, 5, 15 min) before ${loadBefore}, after ${loadAverage()} on ${os.cpus().length} cores`);
    await inProcessSplit(files[0], 'compare-lld');
    await inProcessSplit(files[0], 'compare-1hz');
    await egemapsSideBySide(files, dir, smile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** eGeMAPS v02 side by side: SMILExtract's eGeMAPSv02.conf (functionals CSV) against `--set egemaps`. */
async function egemapsSideBySide(files, dir, smile) {
  const total = files.length * SECONDS;
  const config = smile && path.join(path.dirname(smile.config), '..', 'egemaps', 'v02', 'eGeMAPSv02.conf');
  const peer = config && fs.existsSync(config) ? config : undefined;
  const results = await sideBySide(files, dir, 'egemaps', smile, peer && ((f) => ['-C', peer, '-I', f, '-csvoutput', `${f}.egemaps.csv`, '-appendcsv', '0', '-l', '0']));
  const x = (t) => `${t.wall.toFixed(2)} s wall, ${Number.isFinite(t.cpu) ? `${t.cpu.toFixed(2)} s CPU` : 'CPU n/a'}`;
  const one = medians(results.one);
  const two = medians(results.two);
  console.log(`${total} s, egemaps / eGeMAPSv02.conf functionals CSV, median of ${REPEAT} alternating runs:`);
  if (peer) {
    const s = medians(results.smile);
    console.log(`  SMILExtract (one process per file): ${x(s)}`);
    console.log(`  emotrans features --jobs 1:         ${x(one)}  -> ${ratio(s.wall, one.wall)} SMILExtract wall, ${ratio(s.cpu, one.cpu)} CPU`);
    console.log(`  emotrans features --jobs 2:         ${x(two)}  -> ${ratio(s.wall, two.wall)} SMILExtract wall`);
    console.log(`  what 2 cores give now: SMILExtract, two processes at once -> ${ratio(s.wall, median(results.smileTwo))} its serial run`);
  } else {
    console.log('  SMILExtract or config/egemaps/v02/eGeMAPSv02.conf not found: peer skipped');
    console.log(`  emotrans features --jobs 1: ${x(one)}; --jobs 2: ${x(two)}`);
  }
  const { decodeAudioFile } = require('@emotrans/core');
  const { extractRawLlds, functionalContours, egemapsFunctionals, EGEMAPS_FUNCTIONAL_NAMES } = require('@emotrans/plugin-egemaps');
  const audio = await decodeAudioFile(files[0]);
  const extract = () => egemapsFunctionals(functionalContours(extractRawLlds(audio)), { start: 0, end: Infinity }, new Float32Array(EGEMAPS_FUNCTIONAL_NAMES.length));
  extract();
  const c0 = process.cpuUsage();
  extract();
  const c1 = process.cpuUsage(c0);
  console.log(`  in-process, one ${SECONDS} s file, egemaps: extraction ${((c1.user + c1.system) / 1e6).toFixed(3)} s CPU`);
}

module.exports = { makeAudio };
if (require.main === module) main();
