import type { Metric } from '../extension-points/metric';
import type { CheckRecorder } from './findings';
import { snapshot } from './synthetic-inputs';

/** A test vector with its known score. */
export interface KnownAnswer {
  readonly truth: readonly number[];
  readonly prediction: readonly number[];
  readonly expected: number;
  /** Absolute tolerance (default 1e-6). */
  readonly tolerance?: number;
}

/**
 * Scores on test vectors: finite, deterministic, inputs unchanged, a perfect prediction scoring better
 * than a poor one in the declared direction, and the given known answers.
 */
export async function checkMetric(metric: Metric, record: CheckRecorder, knownAnswers: readonly KnownAnswer[] = []): Promise<void> {
  const truth = Float32Array.from([0.1, 0.4, -0.2, 0.5, 0.3, -0.4, 0.0, 0.2]);
  const poor = Float32Array.from([0.3, -0.1, 0.2, -0.3, 0.0, 0.4, 0.1, -0.2]);
  const before = snapshot([truth, poor]);
  let perfect = NaN;
  let bad = NaN;
  await record.run('finite scores', () => {
    perfect = metric.score(truth, Float32Array.from(truth));
    bad = metric.score(truth, poor);
    if (!Number.isFinite(perfect) || !Number.isFinite(bad)) record.fail('finite scores', `score(truth, truth) = ${perfect}, score(truth, poor) = ${bad}`);
  });
  await record.run('direction', () => {
    const higher = metric.manifest.higherIsBetter;
    if (typeof higher !== 'boolean' || !Number.isFinite(perfect) || !Number.isFinite(bad)) return;
    if (higher ? !(perfect > bad) : !(perfect < bad)) {
      record.fail('direction', `higherIsBetter is ${higher}, but a perfect prediction scores ${perfect} and a poor one ${bad}`);
    }
  });
  await record.run('deterministic', () => {
    if (!Object.is(metric.score(truth, poor), bad)) record.fail('deterministic', 'the same vectors scored twice differ');
  });
  await record.run('inputs not mutated', () => {
    if (snapshot([truth, poor]) !== before) record.fail('inputs not mutated', 'score changed the traces it was given');
  });
  for (const [i, answer] of knownAnswers.entries()) {
    await record.run(`known answer ${i + 1}`, () => {
      const got = metric.score(Float32Array.from(answer.truth), Float32Array.from(answer.prediction));
      if (!(Math.abs(got - answer.expected) <= (answer.tolerance ?? 1e-6))) {
        record.fail(`known answer ${i + 1}`, `score(${JSON.stringify(answer.truth)}, ${JSON.stringify(answer.prediction)}) = ${got}, expected ${answer.expected}`);
      }
    });
  }
}
