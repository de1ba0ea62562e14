/** Ridge regression throughput: fitting and predicting frames of the paper's 260 features. */
const { createFeatureMatrix, createRandom, createTraces } = require('@emotrans/core');
const { ridge } = require('@emotrans/plugin-ridge');

async function main() {
  const random = createRandom(1);
  const cols = 260;
  const sequences = Array.from({ length: 30 }, (_, s) => {
    const rows = 120;
    const data = Float32Array.from({ length: rows * cols }, () => random.normal());
    const times = Float64Array.from({ length: rows }, (_, i) => i + 0.5);
    const a = Float32Array.from({ length: rows }, (_, i) => data[i * cols]);
    return { id: `s${s}`, features: createFeatureMatrix(Array.from({ length: cols }, (_, j) => `f${j}`), 1, times, data), targets: createTraces(times, a, a) };
  });
  const frames = sequences.reduce((n, s) => n + s.features.rows, 0);
  const started = process.hrtime.bigint();
  const model = await ridge.fit({ train: sequences, validation: [] }, { lambda: 1e-3 });
  const fitted = process.hrtime.bigint();
  for (const s of sequences) model.predict(s.features);
  const predicted = process.hrtime.bigint();
  const ms = (a, b) => Number(b - a) / 1e6;
  console.log(`ridge fit: ${frames} frames x ${cols} features in ${ms(started, fitted).toFixed(1)} ms (${((frames / ms(started, fitted)) * 1000).toFixed(0)} frames/s)`);
  console.log(`ridge predict: ${((frames / ms(fitted, predicted)) * 1000).toFixed(0)} frames/s`);
}
main();
