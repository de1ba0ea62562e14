import type { Aggregation } from '../../extension-points/metric';
import type { EmotionDimension } from '../../data/traces';
import type { ScoreSummary } from '../../experiment/evaluate';
import { metricLabel, type MetricDisplays } from '../table';
import type { PlotlyFigure } from './plotly-figure';

export interface TransferHeatmapOptions {
  readonly dimension: EmotionDimension;
  readonly metric: string;
  /** Condition shown off the diagonal (default `cross`); the diagonal is always `intra`. */
  readonly condition?: string;
  readonly aggregation?: Aggregation;
  /** `best` (mean of the best k repetitions, when available) or `mean`. */
  readonly statistic?: 'best' | 'mean';
  /** Label and direction of the metric (from its manifest): lower-is-better metrics get a reversed scale. */
  readonly displays?: MetricDisplays;
}

/** Source domain (rows) x target domain (columns) of one metric: intra on the diagonal, a cross condition off it. */
export function transferHeatmapFigure(summary: readonly ScoreSummary[], options: TransferHeatmapOptions): PlotlyFigure {
  const condition = options.condition ?? 'cross';
  const lowerIsBetter = options.displays?.[options.metric]?.higherIsBetter === false;
  const aggregation = options.aggregation ?? 'per-sequence';
  const rows = summary.filter((s) => s.dimension === options.dimension && s.metric === options.metric && s.aggregation === aggregation);
  const statistic = options.statistic ?? (rows.some((s) => s.bestOf) ? 'best' : 'mean');
  const value = (s: ScoreSummary | undefined) => (s ? (statistic === 'best' ? s.bestOf?.mean ?? s.mean : s.mean) : null);
  const domains = [...new Set(rows.flatMap((s) => [s.source, s.target]))].sort();
  const z = domains.map((source) =>
    domains.map((target) =>
      value(rows.find((s) => s.source === source && s.target === target && s.condition === (source === target ? 'intra' : condition))),
    ),
  );
  return {
    data: [
      {
        type: 'heatmap',
        x: domains,
        y: domains,
        z,
        text: z.map((r) => r.map((v) => (v === null || !Number.isFinite(v) ? '' : v.toFixed(3)))),
        texttemplate: '%{text}',
        colorscale: lowerIsBetter ? 'Viridis' : 'RdBu',
        reversescale: lowerIsBetter,
        colorbar: { title: { text: metricLabel(options.metric, options.displays) } },
      },
    ],
    layout: {
      title: { text: `${options.dimension} ${metricLabel(options.metric, options.displays)}, source → target<br><sub>diagonal: intra; off-diagonal: ${condition}; ${statistic === 'best' ? 'mean of best k repetitions' : 'mean over repetitions'}</sub>` },
      xaxis: { title: { text: 'target domain' } },
      yaxis: { title: { text: 'source domain' }, autorange: 'reversed' },
      width: 650,
      height: 500,
    },
  };
}
