/**
 * The distributed run's cost: units per minute with 1 and 2 local `emotrans worker` processes on a BullMQ
 * queue (a redis-server on loopback) beside `--jobs 1` / `--jobs 2` worker threads, same spec and seed, in
 * the same run; the queue's overhead per unit; and the two ways features could reach workers (computed
 * there from the corpus, or fetched from Redis as the coordinator publishes them). Only the units phase is
 * timed (from the runner's progress). Queue workers are warmed by one run first, as long-lived workers are;
 * the thread pool starts its threads in every run (that is how it works), so its figures include that.
 * Workloads: `tiny` (ridge, milliseconds per unit: the figure is mostly overhead) and `lstm` (a small LSTM,
 * a compute-bound unit). QUEUE_BENCH_WORKLOADS=tiny,lstm selects. Needs redis-server.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const core = require('@emotrans/core');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'packages/core/bin/emotrans.js');
const redisBinary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
if (!redisBinary) {
  console.log('queue bench: redis-server not installed (apt-get install redis-server); skipped');
  process.exit(0);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-queue-bench-'));
process.env.EMOTRANS_CACHE = path.join(work, 'cache');
const session = core.createSession();

const WORKLOADS = {
  tiny: { corpora: { sequences: 6, seconds: 10 }, regressor: { id: 'ridge' }, repetitions: 4 },
  lstm: { corpora: { sequences: 6, seconds: 30 }, regressor: { id: 'lstm', options: { units: [64, 16], epochs: 15, patience: 0, inputNoise: 0 } }, repetitions: 1 },
};

function specOf(workload) {
  const w = WORKLOADS[workload];
  const spec = core.validateSpecShape({
    name: `queue-bench-${workload}`,
    seed: 1,
    corpora: {
      music: { id: 'toy', options: { domain: 'music', ...w.corpora } },
      speech: { id: 'toy', options: { domain: 'speech', ...w.corpora } },
    },
    features: { id: 'simple' },
    transfer: [{ id: 'none' }],
    regressor: w.regressor,
    metrics: ['rmse', 'pearson', 'ccc'],
    protocol: { repetitions: w.repetitions, bestOf: 1, cv: { scheme: 'loso', validationFraction: 0.25 } },
    output: path.join(work, 'results'),
    cacheDir: path.join(work, 'cache'),
  });
  core.validateSpecContributions(spec, session.registry);
  return spec;
}

/** Runs the spec; resolves with the units phase's seconds and unit count. */
let runs = 0;
async function timedRun(spec, options) {
  let began = 0;
  let seconds = 0;
  let units = 0;
  let label = '';
  const progress = {
    begin(name, total) {
      label = name;
      if (name === 'units') {
        began = process.hrtime.bigint();
        units = total;
      }
    },
    tick() {},
    end() {
      if (label === 'units' && began) seconds = Number(process.hrtime.bigint() - began) / 1e9;
      label = '';
    },
  };
  const result = await core.runExperiment(spec, session.registry, { runId: `r${runs++}`, progress, report: { images: false, resamples: 10 }, ...options });
  // Time spent inside the units themselves (measured where they ran): the rest of the wall time is overhead.
  const compute = result.units.reduce((sum, u) => sum + u.seconds, 0);
  return { seconds, units, compute, metrics: fs.readFileSync(path.join(result.runDir, 'metrics.json'), 'utf8') };
}

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
function waitForOutput(child, pattern) {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      if (pattern.test(out)) {
        child.stderr.off('data', onData);
        resolve();
      }
    };
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function main() {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const redis = spawn(redisBinary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', work, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const children = [redis];
  const startWorker = async () => {
    const worker = spawn(process.execPath, [cli, 'worker', '--queue', url], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(worker);
    await waitForOutput(worker, /serving/);
    return worker;
  };
  try {
    await new Promise((resolve) => redis.stdout.on('data', (c) => /Ready to accept/.test(String(c)) && resolve()));
    const tf = await core.loadTf();
    const queue = () => ({ dispatcher: core.queueDispatcher({ url, sweepMs: 500 }) });
    console.log(`${os.cpus().length} cores, backend ${tf.getBackend()}; units phase only; units/min (higher is better)`);

    for (const workload of (process.env.QUEUE_BENCH_WORKLOADS ?? 'tiny,lstm').split(',')) {
      const spec = specOf(workload);
      await timedRun(spec, { jobs: 1 }); // features into the cache, tf warm in this process
      const rows = [];
      const measure = async (name, options) => rows.push({ name, ...(await timedRun(spec, options)) });
      await measure('--jobs 1', { jobs: 1 });
      await measure('--jobs 2', { jobs: 2 });
      const first = await startWorker();
      await timedRun(spec, queue()); // warm-up: the worker loads tf, plugins and the datasets
      await measure('queue, 1 worker', queue());
      const second = await startWorker();
      await timedRun(spec, queue());
      await measure('queue, 2 workers', queue());
      for (const w of [first, second]) w.kill('SIGINT');
      const serial = rows[0];
      console.log(`\n${workload}: ${serial.units} units, ${((serial.compute / serial.units) * 1000).toFixed(1)} ms inside each unit serially`);
      for (const r of rows) {
        const same = r.metrics === serial.metrics ? 'metrics identical' : 'METRICS DIFFER';
        console.log(`  ${r.name.padEnd(18)} ${((r.units / r.seconds) * 60).toFixed(0).padStart(7)} units/min  ${(r.seconds).toFixed(2).padStart(7)} s  x${(serial.seconds / r.seconds).toFixed(2)} vs --jobs 1  ${same}`);
      }
      // Overhead = wall time not spent inside units, per unit (one unit at a time, so no overlap to discount).
      const overhead = (r) => (((r.seconds - r.compute) / r.units) * 1000).toFixed(1);
      const oneWorker = rows.find((r) => r.name === 'queue, 1 worker');
      console.log(`  overhead per unit (wall minus time inside units): queue with 1 worker ${overhead(oneWorker)} ms, --jobs 1 ${overhead(serial)} ms`);
    }

    // Features to workers: computed there (cold cache, warm cache) vs fetched from Redis.
    const spec = specOf('tiny');
    const context = (cacheDir) => ({ random: core.createRandom(spec.seed), cacheDir, progress: core.silentProgress, log: () => {}, tf: () => core.loadTf() });
    const t = () => process.hrtime.bigint();
    const ms = (a, b) => Number(b - a) / 1e6;
    const cold = path.join(work, 'cold-cache');
    let a = t();
    const datasets = await core.prepareDatasets(spec, session.registry, context(cold));
    let b = t();
    await core.prepareDatasets(spec, session.registry, context(cold));
    let c = t();
    const Redis = require('ioredis');
    const client = new Redis(core.parseQueueUrl(url).connection);
    const published = await core.publishDatasets(client, datasets);
    const d = t();
    await core.fetchDatasets(client, published.key);
    const e = t();
    client.disconnect();
    const sequences = [...datasets.values()].reduce((n, ds) => n + ds.labelled.length + ds.unlabelled.length, 0);
    console.log(`\nfeatures to a worker (toy corpus, 'simple' features, ${sequences} sequences, ${(published.bytes / 1024).toFixed(0)} KiB):`);
    console.log(`  computed there, cold cache ${ms(a, b).toFixed(0)} ms; warm cache ${ms(b, c).toFixed(0)} ms; through Redis: publish ${ms(c, d).toFixed(1)} ms, fetch ${ms(d, e).toFixed(1)} ms`);
    a = t();
    const big = new Map([['x', { domain: 'x', labelled: [], unlabelled: [core.createFeatureMatrix(Array.from({ length: 260 }, (_, j) => `f${j}`), 1, new Float64Array(81_000), new Float32Array(81_000 * 260))], report: {} }]]);
    const client2 = new Redis(core.parseQueueUrl(url).connection);
    const bigKey = await core.publishDatasets(client2, big);
    b = t();
    await core.fetchDatasets(client2, bigKey.key);
    c = t();
    await core.deleteDatasets(client2, bigKey.key);
    client2.disconnect();
    console.log(`  through Redis at paper scale (81,000 one-second rows x 260 features = ${(bigKey.bytes / 2 ** 20).toFixed(0)} MiB, DEAM: 1,802 clips of 45 s at 1 Hz): publish ${ms(a, b).toFixed(0)} ms, fetch ${ms(b, c).toFixed(0)} ms`);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    fs.rmSync(work, { recursive: true, force: true });
  }
}
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
