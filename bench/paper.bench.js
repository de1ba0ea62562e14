/**
 * Wall time of the whole `emotrans paper` grid (examples/paper.json: synthetic music and speech,
 * compare-1hz, LSTM, intra / cross / cross+transfer, repetitions) on all cores. Target: under 10 minutes on
 * 2 cores. Features are cached in a fresh cache folder unless PAPER_BENCH_CACHE names one, so the first
 * figure includes corpus generation and feature extraction. Extra CLI arguments: PAPER_BENCH_ARGS.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-paper-bench-'));
const cache = process.env.PAPER_BENCH_CACHE ?? path.join(work, 'cache');
const extra = (process.env.PAPER_BENCH_ARGS ?? '').split(' ').filter(Boolean);
const args = [path.join(root, 'packages/core/bin/emotrans.js'), 'paper', '--output', path.join(work, 'results'), '--run-id', 'bench', ...extra];

const started = process.hrtime.bigint();
const run = spawnSync(process.execPath, args, { env: { ...process.env, EMOTRANS_CACHE: cache }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (run.status !== 0) {
  console.error(`emotrans paper failed (exit ${run.status})`);
  process.exit(1);
}
const runDir = path.join(work, 'results', 'bench');
const units = fs.readdirSync(path.join(runDir, 'units')).map((f) => JSON.parse(fs.readFileSync(path.join(runDir, 'units', f), 'utf8')));
const unitSeconds = units.reduce((a, u) => a + u.seconds, 0);
const environment = JSON.parse(fs.readFileSync(path.join(runDir, 'environment.json'), 'utf8'));
console.log(run.stdout.trim());
console.log(`paper grid: ${units.length} units in ${seconds.toFixed(1)} s wall (${(seconds / 60).toFixed(1)} min; target < 10 min on 2 cores) on ${os.cpus().length} cores, backend ${environment.backend}`);
console.log(`unit time: ${unitSeconds.toFixed(1)} s in total, ${(unitSeconds / units.length).toFixed(2)} s per unit (parallel speed-up ${(unitSeconds / seconds).toFixed(2)}x over the wall time incl. features and report)`);
console.log(`results kept in ${runDir}`);
