import { EMOTION_DIMENSIONS } from '../../data/traces';
import type { UnitResult } from '../../experiment/unit-result';
import { PALETTE, withAlpha, type PlotlyFigure } from './plotly-figure';

export interface TracesFigureOptions {
  readonly target: string;
  readonly sequence: string;
  /** Cells to draw as `condition` or `condition (source)`; default: every cell that predicted the sequence. */
  readonly cells?: readonly string[];
}

const label = (r: { condition: string; source: string }) => (r.condition === 'intra' ? 'intra' : `${r.condition} (${r.source})`);

/**
 * Gold and predicted traces of one test sequence, arousal above valence: for each cell the mean
 * prediction over repetitions with a band of ± one (population) standard deviation over repetitions.
 */
export function tracesFigure(results: readonly UnitResult[], options: TracesFigureOptions): PlotlyFigure {
  const predictions = results
    .filter((r) => r.target === options.target)
    .flatMap((r) => r.predictions.filter((p) => p.sequence === options.sequence).map((p) => ({ cell: label(r), condition: r.condition, prediction: p })))
    .filter((p) => !options.cells || options.cells.includes(p.cell) || options.cells.includes(p.condition));
  if (predictions.length === 0) throw new Error(`traces figure: no prediction of sequence '${options.sequence}' for target '${options.target}'`);
  const cells = [...new Set(predictions.map((p) => p.cell))];
  const data: Record<string, unknown>[] = [];
  EMOTION_DIMENSIONS.forEach((dimension, d) => {
    const axes = { xaxis: d === 0 ? 'x' : 'x2', yaxis: d === 0 ? 'y' : 'y2' };
    const gold = predictions[0].prediction.gold;
    const times = Array.from(gold.times);
    data.push({ type: 'scatter', mode: 'lines', name: 'gold', legendgroup: 'gold', showlegend: d === 0, x: times, y: Array.from(gold[dimension]), line: { color: 'black', width: 2 }, ...axes });
    cells.forEach((cell, c) => {
      const runs = predictions.filter((p) => p.cell === cell).map((p) => p.prediction.predicted[dimension]);
      const n = times.length;
      const mean = new Float64Array(n);
      const std = new Float64Array(n);
      for (const run of runs) for (let i = 0; i < n; i++) mean[i] += run[i] / runs.length;
      for (const run of runs) for (let i = 0; i < n; i++) std[i] += (run[i] - mean[i]) ** 2 / runs.length;
      for (let i = 0; i < n; i++) std[i] = Math.sqrt(std[i]);
      const colour = PALETTE[c % PALETTE.length];
      if (runs.length > 1) {
        data.push({
          type: 'scatter', mode: 'lines', fill: 'toself', hoverinfo: 'skip', legendgroup: cell, showlegend: false, name: `${cell} ± std`,
          x: [...times, ...times.slice().reverse()],
          y: [...Array.from(mean, (m, i) => m + std[i]), ...Array.from(mean, (m, i) => m - std[i]).reverse()],
          line: { width: 0 }, fillcolor: withAlpha(colour, 0.2), ...axes,
        });
      }
      data.push({ type: 'scatter', mode: 'lines', name: `${cell} (${runs.length} rep.)`, legendgroup: cell, showlegend: d === 0, x: times, y: Array.from(mean), line: { color: colour }, ...axes });
    });
  });
  return {
    data,
    layout: {
      title: { text: `${options.target} / ${options.sequence}: gold and predicted traces (mean ± std over repetitions)` },
      grid: { rows: 2, columns: 1, pattern: 'independent' },
      xaxis: { title: { text: '' } },
      xaxis2: { title: { text: 'time (s)' } },
      yaxis: { title: { text: 'arousal' } },
      yaxis2: { title: { text: 'valence' } },
      height: 600,
      width: 900,
    },
  };
}
