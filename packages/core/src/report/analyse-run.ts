import type { ContributionRegistry } from '../registry/registry';
import { createRandom } from '../runtime/random';
import { cellIntervals, compareConditions, type CellInterval, type ConditionComparison } from '../stats/condition-statistics';
import { sequenceScores, type SequenceScore } from '../stats/sequence-scores';
import type { LoadedRun } from './load-run';

export interface RunAnalysis {
  readonly sequenceScores: SequenceScore[];
  readonly intervals: CellInterval[];
  readonly comparisons: ConditionComparison[];
}

/**
 * The statistics of a finished run (for notebooks): per-sequence scores, bootstrap intervals and paired
 * tests, with the same seeds as the run's own report (so the numbers match statistics/statistics.json
 * for the same resamples and confidence).
 */
export function analyseRun(run: LoadedRun, registry: ContributionRegistry, options: { resamples?: number; confidence?: number } = {}): RunAnalysis {
  const metrics = run.spec.metrics.map((id) => registry.get('metric', id));
  const scores = sequenceScores(run.units, metrics);
  const random = createRandom(run.spec.seed).fork('report').fork('report/bootstrap');
  return { sequenceScores: scores, intervals: cellIntervals(scores, random, options), comparisons: compareConditions(scores) };
}
