/**
 * Peak memory of `emotrans features` on long audio (issue 13: a 2-hour 48 kHz stereo file in < 500 MB RSS):
 * compare-1hz and compare-lld (to a CSV file) on a 2 h WAV of 48 kHz stereo, analysed at its own rate and at
 * 16 kHz. Each run is its own process (maxRSS is that run's peak). Side by side in the same run: the
 * whole-signal path the CLI took before streaming (loadAudio, extract, the CSV formatted whole), same file,
 * set and options. BENCH_HOURS shortens the file (default 2); BENCH_WHOLE=0 skips the whole-signal runs
 * (the 48 kHz compare-lld one peaks at several GB). Figures printed, nothing asserted. The WAV (1.3 GiB),
 * the CSVs and the cache go to a scratch folder removed after.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'packages', 'core', 'bin', 'emotrans.js');
const hours = Number(process.env.BENCH_HOURS ?? 2);
const whole = process.env.BENCH_WHOLE !== '0';

const { writeLongTestWav } = require('@emotrans/core');

const printRss = `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, '\\nmax-rss-kb ' + u.maxRSS + ' cpu-us ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });`;

/** The pre-streaming path of `emotrans features`: the audio whole at the set's rate, extract, the CSV formatted whole. */
const wholeChild = `
  const fs = require('node:fs');
  const core = require('@emotrans/core');
  const { featureCsvRows } = require('@emotrans/core/dist/results/feature-csv-rows');
  const [file, setId, optionsJson, out] = process.argv.slice(1);
  const session = core.createSession({});
  const set = session.registry.get('features', setId);
  const properties = set.manifest.options.properties;
  const options = { ...Object.fromEntries(Object.entries(properties).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default])), ...JSON.parse(optionsJson) };
  const context = { random: core.createRandom(0), cacheDir: '', progress: core.silentProgress, log: () => {}, tf: () => Promise.reject(new Error('no tf')) };
  core.loadAudio({ kind: 'file', path: file }, set.describe(options).sampleRate)
    .then((audio) => set.extract(audio, options, context))
    .then((m) => fs.writeFileSync(out, featureCsvRows(file, m)));`;

/** Runs `code` (with the peak-RSS report at exit) in a child process with `args`. */
function measure(code, args) {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['-e', `${printRss}\n${code}`, ...args], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 24 });
  const rss = Number(/max-rss-kb (\d+)/.exec(run.stderr)?.[1]) / 1024;
  const cpu = Number(/cpu-us (\d+)/.exec(run.stderr)?.[1]) / 1e6;
  const problem = run.status === 0 ? '' : ` FAILED (${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`;
  return { rss, cpu, seconds: (Date.now() - started) / 1000, problem };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-bench-long-features-'));
try {
  const file = path.join(dir, `${hours}h-48k-stereo.wav`);
  writeLongTestWav(file, hours * 3600, 48000, 2);
  const size = (fs.statSync(file).size / 2 ** 20).toFixed(0);
  console.log(`${hours} h WAV, 48 kHz stereo, ${size} MiB`);
  const configurations = [
    ['compare-1hz', {}],
    ['compare-1hz', { sampleRate: 16000 }],
    ['compare-lld', {}],
    ['compare-lld', { sampleRate: 16000 }],
  ];
  let n = 0;
  for (const [set, options] of configurations) {
    const rate = options.sampleRate ? `${options.sampleRate / 1000} kHz` : 'own rate (48 kHz)';
    const out = path.join(dir, 'out.csv');
    // the CLI required as its bin script would run, argv shifted into place
    const streamed = measure(`process.argv.splice(1, 0, ${JSON.stringify(cli)}); require(${JSON.stringify(cli)});`, ['features', file, '--set', set, '--options', JSON.stringify(options), '--out', out, '--cache-dir', path.join(dir, `cache-${n++}`), '--quiet']);
    const csv = fs.existsSync(out) ? (fs.statSync(out).size / 2 ** 20).toFixed(0) : '?';
    fs.rmSync(out, { force: true });
    let line = `emotrans features --set ${set} at ${rate}: streamed peak RSS ${streamed.rss.toFixed(0)} MB in ${streamed.seconds.toFixed(0)} s (${streamed.cpu.toFixed(0)} s CPU)${streamed.problem} (CSV ${csv} MiB)`;
    if (whole) {
      const before = measure(wholeChild, [file, set, JSON.stringify(options), out]);
      fs.rmSync(out, { force: true });
      line += `; whole-signal path ${before.rss.toFixed(0)} MB in ${before.seconds.toFixed(0)} s (${before.cpu.toFixed(0)} s CPU)${before.problem}; RSS ratio ${(before.rss / streamed.rss).toFixed(1)}x, CPU ratio ${(before.cpu / streamed.cpu).toFixed(2)}x`;
    }
    console.log(`${line}; target < 500 MB`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
