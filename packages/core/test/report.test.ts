import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScoreSummary } from '../src/experiment/evaluate';
import type { UnitResult } from '../src/experiment/unit-result';
import {
  conditionBarsFigure,
  figuresHtml,
  findChromium,
  paperTable,
  renderFigureImages,
  tableToCsv,
  tableToDataFrame,
  tableToMarkdown,
  tracesFigure,
  transferHeatmapFigure,
} from '../src/report';

const summary = (target: string, source: string, condition: string, dimension: 'arousal' | 'valence', metric: string, mean: number, best: number): ScoreSummary => ({
  target, source, condition, dimension, metric, aggregation: 'per-sequence', repetitions: 10, mean, std: 0.01, bestOf: { k: 5, mean: best },
});

const SUMMARY: ScoreSummary[] = [];
// Labels as the metrics plugin's manifests give them.
const DISPLAYS = { rmse: { label: 'RMSE', higherIsBetter: false }, ccc: { label: 'CCC', higherIsBetter: true }, pearson: { label: 'r', higherIsBetter: true } };
for (const [target, source] of [['music', 'speech'], ['speech', 'music']]) {
  for (const [condition, src] of [['cross+dae', source], ['intra', target], ['cross', source]]) {
    (['arousal', 'valence'] as const).forEach((dimension, d) => {
      ['rmse', 'ccc'].forEach((metric, m) => {
        // A value that encodes its cell, so the test can tell where each landed.
        const code = (target === 'music' ? 100 : 200) + (condition === 'intra' ? 10 : condition === 'cross' ? 20 : 30) + d * 2 + m;
        SUMMARY.push(summary(target, src, condition, dimension, metric, code, code + 0.5));
      });
    });
  }
}

describe('paper table', () => {
  it('has rows target x condition (intra, cross, cross+...) and columns dimension x metric, best-k by default', () => {
    const table = paperTable(SUMMARY, { displays: DISPLAYS });
    expect(table.columns).toEqual(['target', 'condition', 'source', 'arousal RMSE', 'arousal CCC', 'valence RMSE', 'valence CCC']);
    expect(table.rows.map((r) => r.slice(0, 3))).toEqual([
      ['music', 'intra', 'music'], ['music', 'cross', 'speech'], ['music', 'cross+dae', 'speech'],
      ['speech', 'intra', 'speech'], ['speech', 'cross', 'music'], ['speech', 'cross+dae', 'music'],
    ]);
    expect(table.rows[1].slice(3)).toEqual([120.5, 121.5, 122.5, 123.5]);
    expect(table.caption).toMatch(/best 5 of 10 repetitions; metric per test sequence/);
  });

  it('plain mean comes with a std column after each value', () => {
    const table = paperTable(SUMMARY, { statistic: 'mean', displays: DISPLAYS });
    expect(table.columns.slice(3, 5)).toEqual(['arousal RMSE', 'arousal RMSE std']);
    expect(table.rows[3].slice(3, 5)).toEqual([210, 0.01]);
    expect(table.caption).toMatch(/mean and population std over 10 repetitions/);
  });

  it('writes Markdown, CSV and a danfojs DataFrame of the same numbers', () => {
    const table = paperTable(SUMMARY, { displays: DISPLAYS });
    const markdown = tableToMarkdown(table, 2).split('\n');
    expect(markdown[0]).toBe('| target | condition | source | arousal RMSE | arousal CCC | valence RMSE | valence CCC |');
    expect(markdown[1]).toBe('| :--- | :--- | :--- | ---: | ---: | ---: | ---: |');
    expect(markdown[2]).toBe('| music | intra | music | 110.50 | 111.50 | 112.50 | 113.50 |');
    expect(tableToCsv(table).split('\n')[2]).toBe('music,cross,speech,120.5,121.5,122.5,123.5');
    const frame = tableToDataFrame(table);
    expect(frame.shape).toEqual([6, 7]);
    expect(frame.columns).toEqual([...table.columns]);
    expect((frame.values[4] as unknown[]).slice(0, 4)).toEqual(['speech', 'cross', 'music', 220.5]);
  });
});

it('Markdown prints count columns whole and tiny values in exponent form', () => {
  const markdown = tableToMarkdown({ columns: ['pair', 'n', 'p', 'std'], rows: [['a|b', 24, 1.19e-7, 0], ['c', 3, 0.25, 1]], integerColumns: ['n'] }).split('\n');
  expect(markdown[2]).toBe('| a\\|b | 24 | 1.2e-7 | 0.000 |');
  expect(markdown[3]).toBe('| c | 3 | 0.250 | 1.000 |');
});

describe('figures', () => {
  const times = Float64Array.from([0.5, 1.5, 2.5]);
  const unit = (repetition: number, offset: number): UnitResult => ({
    key: `music/intra/music/f0/r${repetition}`, target: 'music', source: 'music', condition: 'intra', fold: 0, repetition, seconds: 0,
    predictions: [{
      sequence: 's1',
      gold: { times, arousal: Float32Array.from([0, 0.5, 1]), valence: Float32Array.from([0, 0, 0]) },
      predicted: { times, arousal: Float32Array.from([offset, offset, offset]), valence: Float32Array.from([0, 0, 0]) },
    }],
  });

  it('traces: the mean over repetitions with a ± std band (predictions 1 and 3: mean 2, band 1..3)', () => {
    const figure = tracesFigure([unit(0, 1), unit(1, 3)], { target: 'music', sequence: 's1' });
    const arousal = figure.data.filter((t) => t.yaxis === 'y');
    expect(arousal.map((t) => t.name)).toEqual(['gold', 'intra ± std', 'intra (2 rep.)']);
    expect(arousal[0].y).toEqual([0, 0.5, 1]);
    expect(arousal[2].y).toEqual([2, 2, 2]);
    expect(arousal[1].y).toEqual([3, 3, 3, 1, 1, 1]);
    expect(arousal[1].x).toEqual([0.5, 1.5, 2.5, 2.5, 1.5, 0.5]);
  });

  it('heatmap: intra on the diagonal, the chosen cross condition off it (rows source, columns target)', () => {
    const figure = transferHeatmapFigure(SUMMARY, { dimension: 'valence', metric: 'ccc', condition: 'cross+dae' });
    expect(figure.data[0].x).toEqual(['music', 'speech']);
    expect(figure.data[0].z).toEqual([[113.5, 233.5], [133.5, 213.5]]);
  });

  it('bars: asymmetric error bars from the bootstrap interval', () => {
    const figure = conditionBarsFigure(
      [
        { target: 'music', source: 'music', condition: 'intra', dimension: 'arousal', metric: 'ccc', mean: 0.6, low: 0.5, high: 0.9, confidence: 0.95, sequences: 8 },
        { target: 'music', source: 'speech', condition: 'cross', dimension: 'arousal', metric: 'ccc', mean: 0.3, low: 0.1, high: 0.35, confidence: 0.95, sequences: 8 },
      ],
      { metric: 'ccc' },
    );
    expect(figure.data.map((t) => t.name)).toEqual(['intra', 'cross']);
    const errors = figure.data[1].error_y as { array: number[]; arrayminus: number[] };
    expect(errors.array[0]).toBeCloseTo(0.05, 12);
    expect(errors.arrayminus[0]).toBeCloseTo(0.2, 12);
  });

  it('HTML is standalone: plotly.js inlined, no external script or stylesheet', () => {
    const html = figuresHtml([{ name: 'one', figure: { data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { title: { text: '</script>' } } } }]);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toContain("Plotly.newPlot('figure-0'");
    expect(html.length).toBeGreaterThan(1e6);
    // The title's closing tag is escaped, so it cannot end the script element early.
    expect(html).toContain('\\u003c/script>');
  });

  it('without a Chromium, says so instead of failing', async () => {
    const saved = process.env.EMOTRANS_CHROMIUM;
    process.env.EMOTRANS_CHROMIUM = 'none';
    try {
      const outcome = await renderFigureImages([{ name: 'x', figure: { data: [], layout: {} } }], os.tmpdir());
      expect(outcome.files).toEqual([]);
      expect(outcome.skipped).toMatch(/no Chromium found/);
    } finally {
      if (saved === undefined) delete process.env.EMOTRANS_CHROMIUM;
      else process.env.EMOTRANS_CHROMIUM = saved;
    }
  });

  const withChromium = findChromium() ? it : it.skip;
  withChromium('renders PNG and SVG with headless Chromium', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-render-'));
    const outcome = await renderFigureImages(
      [{ name: 'bar', figure: { data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2] }], layout: { width: 300, height: 200, title: { text: 'marker-title' } } } }],
      dir,
    );
    expect(outcome.skipped).toBeUndefined();
    const png = fs.readFileSync(path.join(dir, 'bar.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(300);
    expect(png.readUInt32BE(20)).toBe(200);
    const svg = fs.readFileSync(path.join(dir, 'bar.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('marker-title');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
