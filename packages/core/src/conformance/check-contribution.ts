import os from 'node:os';
import path from 'node:path';
import type { Contribution } from '../extension-points/contribution';
import type { Corpus } from '../extension-points/corpus';
import type { FeatureSet } from '../extension-points/feature-set';
import type { Metric } from '../extension-points/metric';
import type { Regressor } from '../extension-points/regressor';
import type { TransferMethod } from '../extension-points/transfer-method';
import { checkCorpus } from './corpus-checks';
import { checkFeatureSet } from './features-checks';
import { CheckRecorder, type ConformanceReport } from './findings';
import { checkManifest } from './manifest-checks';
import { checkMetric, type KnownAnswer } from './metric-checks';
import { checkRegressor } from './regressor-checks';
import { checkTransfer } from './transfer-checks';

export interface CheckOptions {
  /** Options to run the contribution with (default: its schema's defaults); e.g. a corpus's data folder, a small network. */
  readonly options?: Record<string, unknown>;
  /** Metric test vectors with known scores. */
  readonly knownAnswers?: readonly KnownAnswer[];
  /** Cache folder handed to the contribution (default: a folder under the OS temp dir). */
  readonly cacheDir?: string;
}

/**
 * The conformance kit (scikit-learn's check_estimator for emotrans): runs every check that applies to
 * the contribution's kind on seeded synthetic inputs and reports each failure by contribution, check
 * and what was seen. Checks: manifest (id, kind, description, version), required methods, options
 * schema valid, defaults fill, unknown options rejected; then by kind: output shapes and finite values,
 * `transform` for both roles with the same columns, inputs not mutated, deterministic under a fixed
 * seed, the leakage contract (fitted state does not adapt to test data), `dispose` idempotent; metrics:
 * `higherIsBetter` declared and consistent, known answers. In a jest test:
 *
 * ```ts
 * const report = await checkContribution(myTransfer);
 * expect(report.findings).toEqual([]);
 * ```
 */
export async function checkContribution(contribution: Contribution, options: CheckOptions = {}): Promise<ConformanceReport> {
  const manifest = contribution?.manifest;
  const kind = manifest?.kind ?? 'unknown';
  const id = typeof manifest?.id === 'string' ? manifest.id : '?';
  const record = new CheckRecorder(`${kind} '${id}'`);
  const runOptions = await checkManifest(contribution, record, options.options);
  const methodsOk = record.passed.includes('required methods');
  const cacheDir = options.cacheDir ?? path.join(os.tmpdir(), 'emotrans-conformance');
  if (methodsOk && kind === 'metric') await checkMetric(contribution as Metric, record, options.knownAnswers);
  else if (methodsOk && runOptions) {
    if (kind === 'transfer') await checkTransfer(contribution as TransferMethod, runOptions, record, cacheDir);
    else if (kind === 'regressor') await checkRegressor(contribution as Regressor, runOptions, record, cacheDir);
    else if (kind === 'features') await checkFeatureSet(contribution as FeatureSet, runOptions, record, cacheDir);
    else if (kind === 'corpus') await checkCorpus(contribution as Corpus, runOptions, record, cacheDir);
  }
  return { kind, id, findings: record.findings, passed: record.passed, skipped: record.skipped };
}
