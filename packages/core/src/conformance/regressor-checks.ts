import type { Traces } from '../data/traces';
import type { FittedRegressor, Regressor } from '../extension-points/regressor';
import type { CheckRecorder } from './findings';
import { checkContext, firstNonFiniteTrace, snapshot, syntheticMatrix, syntheticSequence } from './synthetic-inputs';

const SEED = 20170101;

/** Fits on seeded synthetic sequences (targets linear in two features) and predicts held-out ones. */
export async function checkRegressor(regressor: Regressor, options: Record<string, unknown>, record: CheckRecorder, cacheDir: string): Promise<void> {
  const cols = 5;
  const input = {
    train: [syntheticSequence('a', 24, cols, 1), syntheticSequence('b', 20, cols, 2), syntheticSequence('c', 18, cols, 3)],
    validation: [syntheticSequence('d', 16, cols, 4)],
  };
  const test = syntheticMatrix(15, cols, 5);
  const other = syntheticMatrix(11, cols, 6, 2, 3);
  const before = snapshot([input, test, options]);
  const fitOnce = () => regressor.fit(input, structuredClone(options) as never, checkContext(SEED, cacheDir));

  let model: FittedRegressor | undefined;
  if (!(await record.run('fit', async () => {
    model = await fitOnce();
    if (!model || typeof model.predict !== 'function') record.fail('fit', 'fit did not resolve to an object with predict()');
  }))) return;
  const fitted = model!;
  let predicted: Traces | undefined;
  await record.run('predict shape', () => {
    predicted = fitted.predict(test);
    if (!predicted?.arousal || !predicted.valence) return record.fail('predict shape', 'predict did not return Traces (times, arousal, valence)');
    if (predicted.arousal.length !== test.rows || predicted.valence.length !== test.rows) {
      record.fail('predict shape', `${predicted.arousal.length} arousal and ${predicted.valence.length} valence values for ${test.rows} rows`);
    }
    if (predicted.times.length !== test.rows || predicted.times.some((t, i) => t !== test.times[i])) record.fail('predict shape', "times are not the feature rows' times");
  });
  await record.run('finite output', () => {
    const problem = predicted && firstNonFiniteTrace(predicted);
    if (problem) record.fail('finite output', `predict: ${problem}`);
  });
  await record.run('inputs not mutated', () => {
    if (snapshot([input, test, options]) !== before) record.fail('inputs not mutated', 'fit or predict changed the sequences (or options) it was given');
  });
  await record.run('leakage contract', () => {
    fitted.predict(other);
    if (predicted && snapshot(fitted.predict(test)) !== snapshot(predicted)) {
      record.fail('leakage contract', 'predict(test) changed after predicting other sequences: the model adapts to test data');
    }
  });
  await record.run('deterministic under a fixed seed', async () => {
    const second = await fitOnce();
    try {
      if (predicted && snapshot(second.predict(test)) !== snapshot(predicted)) {
        record.fail('deterministic under a fixed seed', 'two fits with the same seed predict differently (use context.random, not Math.random)');
      }
    } finally {
      second.dispose?.();
    }
  });
  await record.run('dispose idempotent', () => {
    fitted.dispose?.();
    fitted.dispose?.();
  });
}
