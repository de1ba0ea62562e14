/**
 * Wall time, CPU time and peak memory of the whole `emotrans paper` grid (examples/paper.json, the paper's
 * protocol: synthetic music and speech, compare-1hz, LSTM 150 + 10, intra / cross / cross+dae / cross+coral,
 * leave-one-group-out, 10 repetitions) on all cores. Target: under 10 minutes on 2 cores from a warm feature
 * cache. Features are cached in a fresh cache folder unless PAPER_BENCH_CACHE names one (then the figure is
 * from a warm cache once it has been filled). Extra CLI arguments: PAPER_BENCH_ARGS (e.g. `--quick`, or
 * `--repetitions 1` for a tenth of the grid). On a machine shared with other work the wall time says little;
 * the CPU time divided by the cores is what the grid would take on them alone, and the load average is printed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-paper-bench-'));
const cache = process.env.PAPER_BENCH_CACHE ?? path.join(work, 'cache');
const extra = (process.env.PAPER_BENCH_ARGS ?? '').split(' ').filter(Boolean);
const usageFile = path.join(work, 'usage.json');
// Preloaded into the CLI's process: its own resource usage (worker threads included) at exit.
const preload = path.join(work, 'usage.js');
fs.writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(process.resourceUsage())));\n`);
const args = ['--require', preload, path.join(root, 'packages/core/bin/emotrans.js'), 'paper', '--output', path.join(work, 'results'), '--run-id', 'bench', ...extra];

const loadBefore = os.loadavg();
const started = process.hrtime.bigint();
const run = spawnSync(process.execPath, args, { env: { ...process.env, EMOTRANS_CACHE: cache }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (run.status !== 0) {
  console.error(`emotrans paper failed (exit ${run.status})`);
  process.exit(1);
}
const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
const runDir = path.join(work, 'results', 'bench');
const units = fs.readdirSync(path.join(runDir, 'units')).map((f) => JSON.parse(fs.readFileSync(path.join(runDir, 'units', f), 'utf8')));
const unitSeconds = units.reduce((a, u) => a + u.seconds, 0);
const environment = JSON.parse(fs.readFileSync(path.join(runDir, 'environment.json'), 'utf8'));
const cores = os.cpus().length;
const load = (l) => l.map((v) => v.toFixed(1)).join(' ');
console.log(run.stdout.trim());
console.log(
  `paper grid${extra.length ? ` (${extra.join(' ')})` : ''}: ${units.length} units in ${seconds.toFixed(1)} s wall (${(seconds / 60).toFixed(1)} min; target < 10 min on 2 cores) ` +
    `on ${cores} cores, backend ${environment.backend}; load average ${load(loadBefore)} before, ${load(os.loadavg())} after`,
);
console.log(
  `CPU time ${cpuSeconds.toFixed(0)} s (${(cpuSeconds / cores / 60).toFixed(1)} min of wall on ${cores} otherwise idle cores); ` +
    `peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MiB (main thread and worker threads)`,
);
console.log(`unit time: ${unitSeconds.toFixed(1)} s in total, ${(unitSeconds / units.length).toFixed(2)} s per unit (parallel speed-up ${(unitSeconds / seconds).toFixed(2)}x over the wall time incl. features and report)`);
console.log(`results kept in ${runDir}`);
