import type { CellInterval } from '../../stats/condition-statistics';
import { metricLabel, type MetricDisplays } from '../table';
import { PALETTE, type PlotlyFigure } from './plotly-figure';

/**
 * Conditions compared: grouped bars of the mean per-sequence score of one metric, per target and
 * dimension, with the bootstrap confidence interval over sequences as error bars.
 */
export function conditionBarsFigure(intervals: readonly CellInterval[], options: { metric: string; displays?: MetricDisplays }): PlotlyFigure {
  const rows = intervals.filter((i) => i.metric === options.metric);
  if (rows.length === 0) throw new Error(`condition bars: no interval for metric '${options.metric}'`);
  // Bars are grouped by condition; the source domain is named only when a condition has several per target.
  const sources = new Map<string, Set<string>>();
  for (const i of rows) sources.set(`${i.target} ${i.condition}`, (sources.get(`${i.target} ${i.condition}`) ?? new Set()).add(i.source));
  const severalSources = [...sources.values()].some((s) => s.size > 1);
  const label = (i: CellInterval) => (i.condition === 'intra' || !severalSources ? i.condition : `${i.condition} (${i.source})`);
  const groups = [...new Set(rows.map((i) => `${i.target} ${i.dimension}`))];
  const cells = [...new Set(rows.map(label))];
  const data = cells.map((cell, c) => {
    const y = groups.map((g) => rows.find((i) => label(i) === cell && `${i.target} ${i.dimension}` === g));
    return {
      type: 'bar',
      name: cell,
      x: groups,
      y: y.map((i) => i?.mean ?? null),
      error_y: { type: 'data', symmetric: false, array: y.map((i) => (i ? i.high - i.mean : null)), arrayminus: y.map((i) => (i ? i.mean - i.low : null)) },
      marker: { color: PALETTE[c % PALETTE.length] },
    };
  });
  const confidence = Math.round(rows[0].confidence * 100);
  return {
    data,
    layout: {
      title: { text: `${metricLabel(options.metric, options.displays)} by condition (mean over test sequences, ${confidence}% bootstrap CI)` },
      barmode: 'group',
      yaxis: { title: { text: metricLabel(options.metric, options.displays) } },
      width: 900,
      height: 500,
    },
  };
}
