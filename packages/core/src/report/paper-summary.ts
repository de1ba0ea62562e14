import path from 'node:path';
import type { ScoreSummary } from '../experiment/evaluate';
import { writeFileAtomic } from '../results/atomic-write';
import type { ConditionComparison } from '../stats/condition-statistics';
import { paperTable } from './paper-table';
import { tableToMarkdown } from './table-formats';
import type { MetricDisplays, Table } from './table';

export interface PaperSummaryInput {
  readonly title: string;
  readonly summary: readonly ScoreSummary[];
  readonly comparisons: readonly ConditionComparison[];
  /** Lines about the setup (corpora, features, regressor, repetitions, timing). */
  readonly setup: readonly string[];
  /** Figure files relative to the run folder. */
  readonly figures: readonly string[];
  /** Metric labels from their manifests (default: ids). */
  readonly displays?: MetricDisplays;
}

/** The paired tests of one metric as a table: which condition differs from which, by how much, how surely. */
export function comparisonTable(comparisons: readonly ConditionComparison[], metric: string): Table {
  const rows = comparisons
    .filter((c) => c.metric === metric)
    .map((c) => [c.target, c.dimension, c.a, c.b, c.sequences, c.meanDifference, c.statistic, c.pValue, c.pHolm] as (string | number)[]);
  return {
    columns: ['target', 'dimension', 'a', 'b', 'sequences', 'mean a - b', 'V', 'p', 'p (Holm)'],
    rows,
    integerColumns: ['sequences', 'V'],
    caption: `${metric} per test sequence (mean over repetitions), paired two-sided Wilcoxon signed-rank test over the test sequences; Holm adjustment over the pairs of one target and dimension`,
  };
}

/** Markdown write-up of a paper run: setup, the main table (best-k and plain mean), paired tests, figures. */
export function paperSummaryMarkdown(input: PaperSummaryInput): string {
  const hasBest = input.summary.some((s) => s.bestOf);
  const parts = [`# ${input.title}`, '', ...input.setup.map((l) => `- ${l}`), ''];
  parts.push('## Results (per-sequence aggregation)', '');
  if (hasBest) parts.push('### Mean of the best repetitions (the paper\'s statistic)', '', tableToMarkdown(paperTable(input.summary, { statistic: 'best', displays: input.displays })));
  parts.push('### Plain mean ± std over all repetitions', '', tableToMarkdown(paperTable(input.summary, { statistic: 'mean', displays: input.displays })));
  parts.push('## Results (concatenated aggregation)', '', tableToMarkdown(paperTable(input.summary, { aggregation: 'concatenated', displays: input.displays })));
  const metrics = [...new Set(input.comparisons.map((c) => c.metric))];
  for (const metric of metrics) parts.push(`## Paired tests: ${metric}`, '', tableToMarkdown(comparisonTable(input.comparisons, metric), 4));
  parts.push('## Figures', '', 'All figures, interactive and offline: [figures/report.html](figures/report.html)', '');
  for (const f of input.figures) parts.push(`- [${path.basename(f)}](${f})`);
  return `${parts.join('\n')}\n`;
}

export function writePaperSummary(runDir: string, input: PaperSummaryInput): string {
  const file = path.join(runDir, 'PAPER.md');
  writeFileAtomic(file, paperSummaryMarkdown(input));
  return file;
}
