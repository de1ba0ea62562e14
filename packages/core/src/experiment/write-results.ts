import path from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../results/atomic-write';
import { toCsv } from '../results/csv';
import type { Score, ScoreSummary } from './evaluate';
import { constantTraceNotes } from './score-notes';
import type { UnitResult } from './unit-result';

/** Writes a run's predictions.csv, metrics.json (with what its fields mean) and metrics.csv. */
export function writeResults(runDir: string, results: readonly UnitResult[], scores: readonly Score[], summary: readonly ScoreSummary[]): void {
  const predictionRows = function* () {
    for (const r of results) {
      for (const p of r.predictions) {
        for (let i = 0; i < p.gold.times.length; i++) {
          yield [r.target, r.source, r.condition, r.repetition, r.fold, p.sequence, p.gold.times[i], p.gold.arousal[i], p.predicted.arousal[i], p.gold.valence[i], p.predicted.valence[i]];
        }
      }
    }
  };
  writeFileAtomic(
    path.join(runDir, 'predictions.csv'),
    toCsv(['target', 'source', 'condition', 'repetition', 'fold', 'sequence', 'time', 'arousal_gold', 'arousal_pred', 'valence_gold', 'valence_pred'], predictionRows()),
  );
  writeJsonAtomic(path.join(runDir, 'metrics.json'), {
    aggregations: {
      'per-sequence': 'metric computed on each test sequence, then averaged over sequences (MediaEval style)',
      concatenated: 'metric computed once on all test sequences joined (AVEC style)',
    },
    summaryFields: {
      mean: 'plain mean over repetitions',
      std: 'population standard deviation over repetitions',
      bestOf: 'mean of the best k repetitions (the paper reports k = 5 of 10)',
    },
    summary,
    scores,
    notes: constantTraceNotes(results),
  });
  writeFileAtomic(
    path.join(runDir, 'metrics.csv'),
    toCsv(
      ['target', 'source', 'condition', 'dimension', 'metric', 'aggregation', 'repetitions', 'mean', 'std', 'best_k', 'best_mean'],
      summary.map((s) => [s.target, s.source, s.condition, s.dimension, s.metric, s.aggregation, s.repetitions, s.mean, s.std, s.bestOf?.k ?? '', s.bestOf?.mean ?? '']),
    ),
  );
}
