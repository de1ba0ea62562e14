/**
 * Kernel benchmark, emotrans side by side with tslab (when installed), in alternating rounds on the same
 * machine, through the same ZeroMQ client: start-up (spawn to the first kernel_info_reply), the FIRST cell
 * after start-up, a trivial cell, a trivial cell after importing @emotrans/core, and a typed cell. Prints
 * medians and the emotrans/tslab ratio of each (<= 1.0: emotrans is as fast or faster).
 *
 * tslab: `npm install tslab` in a folder outside the repository, then
 * `TSLAB_DIR=<folder> node bench/kernel.bench.js` (default folder: $TMPDIR/tslab-bench). Build first.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { KernelClient, kernelSpec } = require('@emotrans/kernel');

const ROUNDS = Number(process.env.ROUNDS ?? 4);
const CELLS = 20;
const tslabDir = process.env.TSLAB_DIR ?? path.join(os.tmpdir(), 'tslab-bench');
const tslabBin = path.join(tslabDir, 'node_modules', 'tslab', 'bin', 'tslab');
// The notebooks' folder: both kernels resolve @emotrans/core from there.
const cwd = path.join(__dirname, '..', 'notebooks');

const kernels = { emotrans: kernelSpec().argv };
if (fs.existsSync(tslabBin)) kernels.tslab = [process.execPath, tslabBin, 'kernel', '--config-path', '{connection_file}'];
else console.log(`tslab not found at ${tslabBin}: measuring emotrans only (npm install tslab in ${tslabDir})`);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(client, code) {
  const t0 = now();
  const outcome = await Promise.race([client.execute(code), new Promise((resolve) => setTimeout(resolve, 60000))]);
  if (!outcome) throw new Error(`no reply within 60 s to: ${code}`);
  const { reply } = outcome;
  const ms = now() - t0;
  if (reply.content.status !== 'ok') throw new Error(`cell failed: ${code}\n${JSON.stringify(reply.content).slice(0, 400)}`);
  return ms;
}

/** One round of one kernel: every figure once (cells: median of CELLS). */
async function round(argv) {
  const t0 = now();
  const client = await KernelClient.start(argv, { cwd });
  const startup = now() - t0;
  try {
    const first = await timed(client, '1 + 1');
    const trivial = [];
    for (let i = 0; i < CELLS; i++) trivial.push(await timed(client, `${i} + 1`));
    const typed = [];
    for (let i = 0; i < CELLS; i++) typed.push(await timed(client, `const typed${i}: { n: number } = { n: ${i} };\nfunction twice${i}(x: number): number { return 2 * x; }\ntwice${i}(typed${i}.n)`));
    await timed(client, "import { createSession } from '@emotrans/core';");
    const afterImport = [];
    for (let i = 0; i < CELLS; i++) afterImport.push(await timed(client, `${i} * 2`));
    return { startup, first, trivial: median(trivial), typed: median(typed), afterImport: median(afterImport) };
  } finally {
    await client.close();
  }
}

async function main() {
  const figures = Object.fromEntries(Object.keys(kernels).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, argv] of Object.entries(kernels)) {
      // A round can lose a port to another process between choosing and binding it (a shared machine):
      // it is run again, and said so.
      for (let attempt = 1; ; attempt++) {
        try {
          figures[name].push(await round(argv));
          break;
        } catch (error) {
          if (attempt === 3) throw error;
          process.stderr.write(`round ${r + 1} ${name} failed (${error.message.split('\n')[0]}); running it again\n`);
        }
      }
      process.stderr.write(`round ${r + 1}/${ROUNDS} ${name}: ${JSON.stringify(figures[name][r], (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}\n`);
    }
  }
  const rows = [
    ['startup', 'start-up (spawn -> kernel_info_reply)'],
    ['first', 'first cell after start-up'],
    ['trivial', 'trivial cell'],
    ['afterImport', 'trivial cell after importing @emotrans/core'],
    ['typed', 'typed cell (declarations, a function)'],
  ];
  const fmt = (x) => (x === undefined ? '       -' : x.toFixed(1).padStart(8));
  console.log(`median ms over ${ROUNDS} alternating rounds (${CELLS} cells each for the per-cell figures)`);
  console.log(`${'figure'.padEnd(46)} ${'emotrans'.padStart(8)} ${'tslab'.padStart(8)}  ratio`);
  for (const [key, label] of rows) {
    const ours = median(figures.emotrans.map((f) => f[key]));
    const theirs = figures.tslab ? median(figures.tslab.map((f) => f[key])) : undefined;
    const ratio = theirs ? (ours / theirs).toFixed(2) : '-';
    console.log(`${label.padEnd(46)} ${fmt(ours)} ${fmt(theirs)}  ${ratio}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
