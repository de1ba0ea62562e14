/**
 * LSTM and BLSTM training and prediction throughput on a paper-sized model (260 inputs -> the default units,
 * 150 then 10 -> 2 outputs; 20 sequences of 60 steps cut into chunks of the default length, batches of the
 * default size, Adam, input noise), emotrans against PyTorch (`/usr/bin/python3` with torch, the Debian
 * python3-torch; skipped with a message when missing) on the same shape, alternating one run of each for
 * LSTM_BENCH_ROUNDS rounds (default 3) so both see the same machine load. Figures: sequence-steps per second
 * (wall) and per CPU second (steadier on a shared machine), and the ratio emotrans / PyTorch (> 1: emotrans
 * faster), median over the rounds. Each run is its own process (TensorFlow.js loads one backend per process;
 * EMOTRANS_BACKEND picks it). LSTM_BENCH_EPOCHS (default 3) sets the timed epochs; LSTM_BENCH_TORCH_THREADS
 * PyTorch's threads (default: all cores; on a loaded machine 1 thread is the fairer peer, since OpenMP's
 * waiting threads then burn CPU).
 */
const { spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const CHILD = 'EMOTRANS_LSTM_BENCH_CHILD';
const PYTHON = '/usr/bin/python3';
const SEQUENCES = 20;
const STEPS = 60;
const INPUTS = 260;
const EPOCHS = Number(process.env.LSTM_BENCH_EPOCHS ?? 3);

function defaults() {
  const { LSTM_OPTIONS_SCHEMA } = require('@emotrans/plugin-lstm');
  return Object.fromEntries(Object.entries(LSTM_OPTIONS_SCHEMA.properties).map(([k, v]) => [k, v.default]));
}

/** The chunk length emotrans trains on: each 60-step sequence cut into the fewest equal chunks of at most chunkLength. */
function chunkOf(chunkLength) {
  return chunkLength > 0 && STEPS > chunkLength ? STEPS / Math.ceil(STEPS / chunkLength) : STEPS;
}

function cpuSecondsSince(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** In the child: fit and predict with emotrans, print one JSON line per model. */
async function measureEmotrans() {
  const { createFeatureMatrix, createRandom, createTraces, loadTf, silentProgress } = require('@emotrans/core');
  const { lstm, blstm } = require('@emotrans/plugin-lstm');
  const tf = await loadTf();
  const options = { ...defaults(), epochs: EPOCHS, patience: 0 };
  const random = createRandom(1);
  const sequences = Array.from({ length: SEQUENCES }, (_, s) => {
    const data = Float32Array.from({ length: STEPS * INPUTS }, () => random.normal());
    const times = Float64Array.from({ length: STEPS }, (_, i) => i + 0.5);
    const a = Float32Array.from({ length: STEPS }, (_, i) => data[i * INPUTS]);
    return { id: `s${s}`, features: createFeatureMatrix(Array.from({ length: INPUTS }, (_, j) => `f${j}`), 1, times, data), targets: createTraces(times, a, a) };
  });
  const context = { random: createRandom(2), cacheDir: os.tmpdir(), progress: silentProgress, log: () => {}, tf: async () => tf };
  const results = {};
  for (const [name, regressor] of [['lstm', lstm], ['blstm', blstm]]) {
    // Warm-up (as PyTorch gets one): the first batches compile the backend's kernels.
    (await regressor.fit({ train: sequences.slice(0, 4), validation: [] }, { ...options, epochs: 1 }, context)).dispose();
    const wall = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const model = await regressor.fit({ train: sequences, validation: [] }, options, context);
    const trainSeconds = Number(process.hrtime.bigint() - wall) / 1e9;
    const trainCpuSeconds = cpuSecondsSince(cpu);
    const predictWall = process.hrtime.bigint();
    const predictCpu = process.cpuUsage();
    for (const s of sequences) model.predict(s.features);
    const predictSeconds = Number(process.hrtime.bigint() - predictWall) / 1e9;
    const predictCpuSeconds = cpuSecondsSince(predictCpu);
    model.dispose();
    results[name] = { backend: tf.getBackend(), trainSeconds, trainCpuSeconds, predictSeconds, predictCpuSeconds };
  }
  console.log(JSON.stringify(results));
}

function runEmotrans() {
  const run = spawnSync(process.execPath, [__filename], { env: { ...process.env, [CHILD]: '1' }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`emotrans run failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

function torchAvailable() {
  return spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
}

function runTorch(bidirectional, options) {
  const shape = {
    inputs: INPUTS,
    units: options.units,
    bidirectional,
    sequences: SEQUENCES,
    steps: STEPS,
    chunk: chunkOf(options.chunkLength),
    batch: options.batchSize,
    epochs: EPOCHS,
    noise: options.inputNoise,
    learning_rate: options.learningRate,
    threads: Number(process.env.LSTM_BENCH_TORCH_THREADS ?? os.cpus().length),
  };
  const run = spawnSync(PYTHON, [path.join(__dirname, 'lstm_torch.py'), JSON.stringify(shape)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`PyTorch run failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim());
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function main() {
  const options = defaults();
  const rounds = Number(process.env.LSTM_BENCH_ROUNDS ?? 3);
  const withTorch = torchAvailable();
  if (!withTorch) console.log(`PyTorch not available (${PYTHON} -c 'import torch' failed): emotrans figures only`);
  const trainSteps = SEQUENCES * STEPS * EPOCHS;
  const predictSteps = SEQUENCES * STEPS;
  const runs = { emotrans: { lstm: [], blstm: [] }, torch: { lstm: [], blstm: [] } };
  let torchVersion = '';
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so a load change hits both sides alike.
    const order = round % 2 === 0 ? ['torch', 'emotrans'] : ['emotrans', 'torch'];
    for (const who of order) {
      if (who === 'emotrans') {
        const r = runEmotrans();
        runs.emotrans.lstm.push(r.lstm);
        runs.emotrans.blstm.push(r.blstm);
      } else if (withTorch) {
        for (const name of ['lstm', 'blstm']) {
          const r = runTorch(name === 'blstm', options);
          torchVersion = `PyTorch ${r.version}, ${r.threads} threads`;
          runs.torch[name].push(r);
        }
      }
    }
  }
  const rate = (list, steps, field) => median(list.map((r) => steps / r[field]));
  const lines = [];
  lines.push(
    `shape: ${INPUTS} inputs -> LSTM [${options.units}] -> 2; ${SEQUENCES} sequences x ${STEPS} steps in chunks of ${chunkOf(options.chunkLength)}, ` +
      `batch ${options.batchSize}, Adam, input noise ${options.inputNoise}; ${EPOCHS} timed epochs; median of ${rounds} alternating rounds; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  for (const name of ['lstm', 'blstm']) {
    const e = runs.emotrans[name];
    const t = runs.torch[name];
    const figures = (list) => ({
      train: rate(list, trainSteps, 'trainSeconds'),
      trainCpu: rate(list, trainSteps, 'trainCpuSeconds'),
      predict: rate(list, predictSteps, 'predictSeconds'),
      predictCpu: rate(list, predictSteps, 'predictCpuSeconds'),
    });
    const fe = figures(e);
    const describe = (f) =>
      `train ${f.train.toFixed(0)} sequence-steps/s (${f.trainCpu.toFixed(0)} per CPU s), predict ${f.predict.toFixed(0)} steps/s (${f.predictCpu.toFixed(0)} per CPU s)`;
    lines.push(`${name} emotrans (${e[0].backend}): ${describe(fe)}`);
    if (t.length) {
      const ft = figures(t);
      // Ratios per round (same load), then the median.
      const ratio = (field) => median(e.map((r, i) => t[i][field] / r[field]));
      lines.push(`${name} ${torchVersion}: ${describe(ft)}`);
      lines.push(
        `${name} emotrans / PyTorch: train ${ratio('trainSeconds').toFixed(2)}x wall, ${ratio('trainCpuSeconds').toFixed(2)}x CPU; ` +
          `predict ${ratio('predictSeconds').toFixed(2)}x wall, ${ratio('predictCpuSeconds').toFixed(2)}x CPU (target >= 1.0x wall)`,
      );
    }
  }
  console.log(lines.join('\n'));
}

if (process.env[CHILD]) {
  measureEmotrans().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main();
}
