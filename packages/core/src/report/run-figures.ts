import type { ScoreSummary } from '../experiment/evaluate';
import type { UnitResult } from '../experiment/unit-result';
import type { CellInterval } from '../stats/condition-statistics';
import { EMOTION_DIMENSIONS } from '../data/traces';
import { conditionBarsFigure } from './figures/condition-bars-figure';
import { transferHeatmapFigure } from './figures/transfer-heatmap-figure';
import { tracesFigure } from './figures/traces-figure';
import type { NamedFigure } from './figure-html';
import type { MetricDisplays } from './table';

export interface RunFiguresInput {
  readonly units: readonly UnitResult[];
  readonly summary: readonly ScoreSummary[];
  readonly intervals: readonly CellInterval[];
  /** Labels and directions of the metrics (from their manifests). */
  readonly displays?: MetricDisplays;
}

/**
 * The figures of a run: a condition bar chart with CIs per metric, a source → target heatmap per
 * dimension x metric x cross condition (with at least two domains), and the predicted-vs-gold traces of
 * the first `tracesPerTarget` test sequences of each target.
 */
export function runFigures(input: RunFiguresInput, options: { tracesPerTarget?: number } = {}): NamedFigure[] {
  const figures: NamedFigure[] = [];
  const metrics = [...new Set(input.summary.map((s) => s.metric))];
  for (const metric of metrics) figures.push({ name: `bars-${metric}`, figure: conditionBarsFigure(input.intervals, { metric, displays: input.displays }) });
  const domains = new Set(input.summary.flatMap((s) => [s.source, s.target]));
  const crossConditions = [...new Set(input.summary.map((s) => s.condition).filter((c) => c !== 'intra'))];
  if (domains.size >= 2) {
    for (const condition of crossConditions) {
      for (const dimension of EMOTION_DIMENSIONS) {
        for (const metric of metrics) {
          figures.push({ name: `heatmap-${condition.replace(/[^A-Za-z0-9-]/g, '_')}-${dimension}-${metric}`, figure: transferHeatmapFigure(input.summary, { dimension, metric, condition, displays: input.displays }) });
        }
      }
    }
  }
  const perTarget = options.tracesPerTarget ?? 2;
  for (const target of [...new Set(input.units.map((u) => u.target))]) {
    const sequences = [...new Set(input.units.filter((u) => u.target === target).flatMap((u) => u.predictions.map((p) => p.sequence)))].sort();
    for (const sequence of sequences.slice(0, perTarget)) {
      figures.push({ name: `traces-${target}-${sequence}`.replace(/[^A-Za-z0-9._-]/g, '_'), figure: tracesFigure(input.units, { target, sequence }) });
    }
  }
  return figures;
}
