import { EMOTION_DIMENSIONS } from '../data/traces';
import type { Aggregation } from '../extension-points/metric';
import type { ScoreSummary } from '../experiment/evaluate';
import { metricLabel, type MetricDisplays, type Table } from './table';

export interface PaperTableOptions {
  /** `per-sequence` (default; metric per test sequence, averaged) or `concatenated` (all sequences joined). */
  readonly aggregation?: Aggregation;
  /**
   * `best` (default when the run has bestOf > 0): mean of the best k repetitions, as the paper reports;
   * `mean`: plain mean over all repetitions (then a `± std` column follows each value column).
   */
  readonly statistic?: 'best' | 'mean';
  /** Metric order of the columns (default: as found). */
  readonly metrics?: readonly string[];
  /** Column labels of the metrics, from their manifests (default: their ids). */
  readonly displays?: MetricDisplays;
}

/** intra first, then direct transfer, then transfer methods. */
const CONDITION_ORDER = (condition: string): number => (condition === 'intra' ? 0 : condition === 'cross' ? 1 : 2);

/**
 * The paper's layout: one row per target domain x condition (and source domain), columns
 * arousal/valence x metric. Values are the chosen statistic over repetitions of the chosen aggregation.
 */
export function paperTable(summary: readonly ScoreSummary[], options: PaperTableOptions = {}): Table {
  const aggregation = options.aggregation ?? 'per-sequence';
  const rows = summary.filter((s) => s.aggregation === aggregation);
  const hasBest = rows.some((s) => s.bestOf);
  const statistic = options.statistic ?? (hasBest ? 'best' : 'mean');
  if (statistic === 'best' && !hasBest) throw new Error('paper table: statistic "best" needs a run with protocol.bestOf > 0');
  const metrics = options.metrics ?? [...new Set(rows.map((s) => s.metric))];
  const columns = ['target', 'condition', 'source'];
  for (const dimension of EMOTION_DIMENSIONS) {
    for (const metric of metrics) {
      columns.push(`${dimension} ${metricLabel(metric, options.displays)}`);
      if (statistic === 'mean') columns.push(`${dimension} ${metricLabel(metric, options.displays)} std`);
    }
  }
  const cells = new Map<string, ScoreSummary[]>();
  for (const s of rows) {
    const key = `${s.target}\u0000${s.condition}\u0000${s.source}`;
    cells.set(key, [...(cells.get(key) ?? []), s]);
  }
  const targets = [...new Set(rows.map((s) => s.target))];
  // Conditions in the order they first appear (the runner's plan follows the spec's transfer list).
  const conditions = [...new Set(rows.map((s) => s.condition))];
  const ordered = [...cells.values()].sort(
    (a, b) =>
      targets.indexOf(a[0].target) - targets.indexOf(b[0].target) ||
      CONDITION_ORDER(a[0].condition) - CONDITION_ORDER(b[0].condition) ||
      conditions.indexOf(a[0].condition) - conditions.indexOf(b[0].condition) ||
      a[0].source.localeCompare(b[0].source),
  );
  const body = ordered.map((cell) => {
    const row: (string | number)[] = [cell[0].target, cell[0].condition, cell[0].source];
    for (const dimension of EMOTION_DIMENSIONS) {
      for (const metric of metrics) {
        const s = cell.find((c) => c.dimension === dimension && c.metric === metric);
        if (statistic === 'best') row.push(s?.bestOf?.mean ?? NaN);
        else row.push(s?.mean ?? NaN, s?.std ?? NaN);
      }
    }
    return row;
  });
  const repetitions = Math.max(0, ...rows.map((s) => s.repetitions));
  const k = rows.find((s) => s.bestOf)?.bestOf?.k;
  const what =
    statistic === 'best'
      ? `mean of the best ${k} of ${repetitions} repetitions`
      : `mean and population std over ${repetitions} repetitions`;
  const how = aggregation === 'per-sequence' ? 'metric per test sequence, averaged over sequences' : 'metric on all test sequences concatenated';
  return { columns, rows: body, caption: `${what}; ${how}` };
}
