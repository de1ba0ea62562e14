/**
 * LSTM training throughput for the paper's model size: 260 inputs, LSTM layers of 150 and 10 units, trained on
 * chunks of the default length and batch size; reported in sequence steps per second (steps x sequences) on the
 * default backend and, for comparison, on the pure-JS cpu backend (each backend in its own process, since
 * TensorFlow.js loads one backend per process). Also projects the time of a paper-sized unit. Wall-clock
 * figures suffer when other processes share the cores; steps per CPU second do much less.
 */
const { spawnSync } = require('node:child_process');

const CHILD = 'EMOTRANS_LSTM_BENCH_CHILD';

async function measure() {
  const { createFeatureMatrix, createRandom, createTraces, loadTf, silentProgress } = require('@emotrans/core');
  const { lstm, blstm, LSTM_OPTIONS_SCHEMA } = require('@emotrans/plugin-lstm');
  const tf = await loadTf();
  const defaults = Object.fromEntries(Object.entries(LSTM_OPTIONS_SCHEMA.properties).map(([k, v]) => [k, v.default]));
  const random = createRandom(1);
  const cols = 260;
  // About a paper-sized training set: 20 sequences of 60 steps (1 step = 1 s of audio).
  const sequences = Array.from({ length: 20 }, (_, s) => {
    const rows = 60;
    const data = Float32Array.from({ length: rows * cols }, () => random.normal());
    const times = Float64Array.from({ length: rows }, (_, i) => i + 0.5);
    const a = Float32Array.from({ length: rows }, (_, i) => data[i * cols]);
    return { id: `s${s}`, features: createFeatureMatrix(Array.from({ length: cols }, (_, j) => `f${j}`), 1, times, data), targets: createTraces(times, a, a) };
  });
  const steps = sequences.reduce((n, s) => n + s.features.rows, 0);
  const context = { random: createRandom(2), cacheDir: '/tmp', progress: silentProgress, log: () => {}, tf: async () => tf };
  const epochs = tf.getBackend() === 'cpu' ? 1 : 3;
  const lines = [];
  for (const [name, regressor] of [['lstm', lstm], ['blstm', blstm]]) {
    const options = { ...defaults, epochs, patience: 0 };
    const started = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const model = await regressor.fit({ train: sequences, validation: [] }, options, context);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const predictStart = process.hrtime.bigint();
    for (const s of sequences) model.predict(s.features);
    const predictSeconds = Number(process.hrtime.bigint() - predictStart) / 1e9;
    model.dispose();
    const perSecond = (steps * epochs) / seconds;
    lines.push(
      `${name} [${defaults.units}] on ${tf.getBackend()}: train ${perSecond.toFixed(0)} sequence-steps/s ` +
        `(${((steps * epochs) / cpuSeconds).toFixed(0)} per CPU second: the figure to trust on a busy machine) ` +
        `(chunks of ${defaults.chunkLength}, batch ${defaults.batchSize}; ${epochs} epochs of ${steps} steps in ${seconds.toFixed(1)} s), ` +
        `predict ${(steps / predictSeconds).toFixed(0)} steps/s; a ${steps}-step training set for ${defaults.epochs} epochs: ` +
        `${((steps * defaults.epochs) / perSecond).toFixed(0)} s`,
    );
  }
  console.log(lines.join('\n'));
}

if (process.env[CHILD]) {
  measure().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  for (const backend of ['auto', 'cpu']) {
    const run = spawnSync(process.execPath, [__filename], { env: { ...process.env, [CHILD]: '1', EMOTRANS_BACKEND: backend }, encoding: 'utf8' });
    process.stdout.write(run.stdout);
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      process.exitCode = 1;
    }
  }
}
