import path from 'node:path';
import type { Metric } from '../extension-points/metric';
import type { ScoreSummary } from '../experiment/evaluate';
import type { UnitResult } from '../experiment/unit-result';
import { writeFileAtomic, writeJsonAtomic } from '../results/atomic-write';
import { toCsv } from '../results/csv';
import type { Random } from '../runtime/random';
import { cellIntervals, compareConditions, type CellInterval, type ConditionComparison } from '../stats/condition-statistics';
import { sequenceScores } from '../stats/sequence-scores';
import { figuresHtml } from './figure-html';
import { paperTable } from './paper-table';
import { renderFigureImages, type RenderOutcome } from './render-images';
import { runFigures } from './run-figures';
import { tableToCsv, tableToMarkdown } from './table-formats';
import { metricDisplays } from './table';

export interface ReportInput {
  readonly units: readonly UnitResult[];
  readonly summary: readonly ScoreSummary[];
  readonly metrics: readonly Metric[];
  /** Seeds the bootstrap. */
  readonly random: Random;
}

export interface ReportOptions {
  /** Render PNG and SVG with headless Chromium (default true); the HTML page is always written. */
  readonly images?: boolean;
  readonly resamples?: number;
  readonly confidence?: number;
  readonly tracesPerTarget?: number;
}

export interface ReportOutcome {
  readonly files: string[];
  readonly intervals: readonly CellInterval[];
  readonly comparisons: readonly ConditionComparison[];
  /** PNG/SVG rendering: files written or why it was skipped. */
  readonly images: RenderOutcome;
}

/**
 * Writes everything after the predictions into `runDir`: tables/ (the paper's table as CSV and Markdown,
 * best-k and plain mean, per-sequence and concatenated), statistics/ (per-sequence scores, bootstrap
 * intervals, paired Wilcoxon tests) and figures/ (report.html, each figure's JSON, PNG and SVG).
 */
export async function writeReport(runDir: string, input: ReportInput, options: ReportOptions = {}): Promise<ReportOutcome> {
  const files: string[] = [];
  const write = (relative: string, content: string) => {
    const file = path.join(runDir, relative);
    writeFileAtomic(file, content);
    files.push(file);
  };
  const hasBest = input.summary.some((s) => s.bestOf);
  const displays = metricDisplays(input.metrics);
  for (const aggregation of ['per-sequence', 'concatenated'] as const) {
    for (const statistic of hasBest ? (['best', 'mean'] as const) : (['mean'] as const)) {
      const table = paperTable(input.summary, { aggregation, statistic, displays });
      write(`tables/paper-${aggregation}-${statistic}.csv`, tableToCsv(table));
      write(`tables/paper-${aggregation}-${statistic}.md`, tableToMarkdown(table));
    }
  }

  const scores = sequenceScores(input.units, input.metrics);
  const intervals = cellIntervals(scores, input.random.fork('report/bootstrap'), { resamples: options.resamples, confidence: options.confidence });
  const comparisons = compareConditions(scores);
  write(
    'statistics/sequence-scores.csv',
    toCsv(['target', 'source', 'condition', 'dimension', 'metric', 'sequence', 'repetitions', 'value'], scores.map((s) => [s.target, s.source, s.condition, s.dimension, s.metric, s.sequence, s.repetitions, s.value])),
  );
  write(
    'statistics/intervals.csv',
    toCsv(['target', 'source', 'condition', 'dimension', 'metric', 'sequences', 'mean', 'low', 'high', 'confidence'], intervals.map((i) => [i.target, i.source, i.condition, i.dimension, i.metric, i.sequences, i.mean, i.low, i.high, i.confidence])),
  );
  write(
    'statistics/comparisons.csv',
    toCsv(['target', 'dimension', 'metric', 'a', 'b', 'sequences', 'mean_difference', 'statistic_V', 'p', 'p_holm', 'method'], comparisons.map((c) => [c.target, c.dimension, c.metric, c.a, c.b, c.sequences, c.meanDifference, c.statistic, c.pValue, c.pHolm, c.method])),
  );
  writeJsonAtomic(path.join(runDir, 'statistics', 'statistics.json'), {
    description: {
      sequenceScores: 'metric on each test sequence, averaged over repetitions',
      intervals: 'percentile bootstrap (seeded) of the mean per-sequence score, resampling test sequences',
      comparisons: 'paired two-sided Wilcoxon signed-rank test (zero differences dropped) between two cells of a target over the test sequences both predicted; V = rank sum of positive differences a - b; p_holm adjusts over the pairs of one target, dimension and metric',
    },
    intervals,
    comparisons,
  });
  files.push(path.join(runDir, 'statistics', 'statistics.json'));

  const figures = runFigures({ units: input.units, summary: input.summary, intervals, displays }, { tracesPerTarget: options.tracesPerTarget });
  write('figures/report.html', figuresHtml(figures, `emotrans run ${path.basename(runDir)}`));
  for (const f of figures) write(`figures/${f.name}.json`, `${JSON.stringify(f.figure)}\n`);
  const images: RenderOutcome =
    options.images === false ? { files: [], skipped: 'image rendering turned off' } : await renderFigureImages(figures, path.join(runDir, 'figures'));
  files.push(...images.files);
  return { files, intervals, comparisons, images };
}
