import type { FeatureMatrix } from '../data/feature-matrix';
import type { FittedTransfer, TransferMethod } from '../extension-points/transfer-method';
import type { CheckRecorder } from './findings';
import { checkContext, firstNonFinite, snapshot, syntheticMatrix } from './synthetic-inputs';

const SEED = 20130101;

/** Fits on seeded synthetic source/target features and transforms both roles; every check names what it saw. */
export async function checkTransfer(method: TransferMethod, options: Record<string, unknown>, record: CheckRecorder, cacheDir: string): Promise<void> {
  const cols = 6;
  const input = {
    source: [syntheticMatrix(30, cols, 1), syntheticMatrix(25, cols, 2)],
    target: [syntheticMatrix(30, cols, 3, 0.8, 1.7), syntheticMatrix(20, cols, 4, 0.8, 1.7)],
  };
  const trainRows = syntheticMatrix(12, cols, 5);
  const testRows = syntheticMatrix(12, cols, 6, 0.8, 1.7);
  const otherTest = syntheticMatrix(9, cols, 7, -3, 0.2);
  const before = snapshot([input, trainRows, testRows, options]);
  const fitOnce = () => method.fit(input, structuredClone(options) as never, checkContext(SEED, cacheDir));

  let fitted: FittedTransfer | undefined;
  if (!(await record.run('fit', async () => {
    fitted = await fitOnce();
    if (!fitted || typeof fitted.transform !== 'function') record.fail('fit', `fit resolved to ${snapshot(fitted)?.slice(0, 80)}, not an object with transform()`);
  }))) return;
  const first = fitted!;
  const outputs: Partial<Record<'source' | 'target', FeatureMatrix>> = {};
  for (const role of ['source', 'target'] as const) {
    await record.run(`transform ${role}`, () => {
      const rows = role === 'source' ? trainRows : testRows;
      const out = first.transform(rows, role);
      outputs[role] = out;
      if (!out || !(out.data instanceof Float32Array)) return record.fail(`transform ${role}`, 'did not return a FeatureMatrix with Float32Array data');
      if (out.rows !== rows.rows) record.fail(`transform ${role}`, `returned ${out.rows} rows for ${rows.rows}`);
      if (out.data.length !== out.rows * out.cols || out.names.length !== out.cols) record.fail(`transform ${role}`, `data/names do not make ${out.rows} x ${out.cols}`);
      if (out.times.length !== rows.rows || out.times.some((t, i) => t !== rows.times[i])) record.fail(`transform ${role}`, 'row times changed');
    });
  }
  await record.run('finite output', () => {
    for (const role of ['source', 'target'] as const) {
      const problem = outputs[role] && firstNonFinite(outputs[role]!);
      if (problem) record.fail('finite output', `transform(…, '${role}'): ${problem}`);
    }
  });
  await record.run('same columns for both roles', () => {
    if (outputs.source && outputs.target && outputs.source.names.join() !== outputs.target.names.join()) {
      record.fail('same columns for both roles', `source gives [${outputs.source.names.slice(0, 5)}…], target [${outputs.target.names.slice(0, 5)}…]: the regressor sees one and predicts the other`);
    }
  });
  await record.run('inputs not mutated', () => {
    if (snapshot([input, trainRows, testRows, options]) !== before) record.fail('inputs not mutated', 'fit or transform changed the feature matrices (or options) it was given');
  });
  await record.run('leakage contract', () => {
    // A transfer learns from `fit`'s input only: transforming other test data must not change what it does.
    const again = first.transform(otherTest, 'target');
    void again;
    const later = first.transform(testRows, 'target');
    if (outputs.target && snapshot(later.data) !== snapshot(outputs.target.data)) {
      record.fail('leakage contract', 'transform(test) changed after transforming other test sequences: the method adapts to test data it must not learn from');
    }
  });
  await record.run('deterministic under a fixed seed', async () => {
    const second = await fitOnce();
    try {
      for (const role of ['source', 'target'] as const) {
        const rows = role === 'source' ? trainRows : testRows;
        if (outputs[role] && snapshot(second.transform(rows, role).data) !== snapshot(outputs[role]!.data)) {
          record.fail('deterministic under a fixed seed', `two fits with the same seed transform the ${role} differently (use context.random, not Math.random)`);
        }
      }
    } finally {
      second.dispose?.();
    }
  });
  await record.run('dispose idempotent', () => {
    first.dispose?.();
    first.dispose?.();
  });
}
