/**
 * A long grid must not accumulate TensorFlow.js tensors: after every unit (LSTM and BLSTM regressors,
 * direct, DAE and CORAL transfer, fit and predict) the count and bytes of live tensors are back to what
 * they were before the first unit. Units run in this thread (jobs 1), where tf.memory() sees them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession, loadTf, runExperiment, validateSpecContributions, validateSpecShape, type Progress } from '@emotrans/core';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-tensor-memory-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const session = createSession();

for (const regressor of ['lstm', 'blstm']) {
  it(`${regressor}: live tensors (count and bytes) are the same after every unit as before the first`, async () => {
    const tf = await loadTf();
    const spec = validateSpecShape({
      name: `memory-${regressor}`,
      seed: 3,
      corpora: {
        music: { id: 'toy', options: { domain: 'music', sequences: 3, unlabelled: 2, seconds: 8 } },
        speech: { id: 'toy', options: { domain: 'speech', sequences: 3, unlabelled: 2, seconds: 8 } },
      },
      features: { id: 'simple' },
      transfer: [{ id: 'none' }, { id: 'dae', options: { hidden: [4], epochs: 2 } }, { id: 'coral' }],
      regressor: { id: regressor, options: { units: [6, 3], epochs: 3, patience: 1, chunkLength: 4, batchSize: 3 } },
      metrics: ['ccc'],
      protocol: { repetitions: 1, bestOf: 1, cv: { scheme: 'loso', validationFraction: 0.5 } },
      output: path.join(work, 'results'),
      cacheDir: path.join(work, 'cache'),
    });
    validateSpecContributions(spec, session.registry);
    const seen: { unit: string; tensors: number; bytes: number }[] = [];
    let phase = '';
    const progress: Progress = {
      begin(label) {
        phase = label;
        if (label === 'units') seen.push({ unit: '(before)', tensors: tf.memory().numTensors, bytes: tf.memory().numBytes });
      },
      tick(_steps, detail) {
        if (phase === 'units') seen.push({ unit: detail ?? '', tensors: tf.memory().numTensors, bytes: tf.memory().numBytes });
      },
      end() {},
    };
    await runExperiment(spec, session.registry, { runId: regressor, progress, report: { images: false, resamples: 10 } });
    // 2 domains x 1 repetition x (3 intra folds + none, dae, coral) units, each seen after it finished.
    expect(seen.length).toBe(1 + 2 * 6);
    const [before] = seen;
    for (const after of seen.slice(1)) expect({ unit: after.unit, tensors: after.tensors, bytes: after.bytes }).toEqual({ unit: after.unit, tensors: before.tensors, bytes: before.bytes });
  });
}
