import fs from 'node:fs';
import type { PlotlyFigure } from './figures/plotly-figure';

let plotlySource: string | undefined;

/** plotly.js from the installed plotly.js-dist package (read once), for inlining: the HTML needs no network. */
export function plotlyScript(): string {
  plotlySource ??= fs.readFileSync(require.resolve('plotly.js-dist'), 'utf8');
  return plotlySource;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export interface NamedFigure {
  /** File-name stem, e.g. `bars-ccc`. */
  readonly name: string;
  readonly figure: PlotlyFigure;
}

/**
 * One standalone, offline HTML page showing the figures in order, with plotly.js inlined once
 * (about 10 MB, so several figures share one page rather than one page each).
 */
export function figuresHtml(figures: readonly NamedFigure[], title = 'emotrans figures'): string {
  const blocks = figures.map((f, i) => `<h2>${escapeHtml(f.name)}</h2>\n<div id="figure-${i}"></div>`).join('\n');
  const calls = figures
    .map((f, i) => `Plotly.newPlot('figure-${i}', ${scriptJson(f.figure.data)}, ${scriptJson(f.figure.layout)}, {responsive: true});`)
    .join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:2em}h2{font-size:1.1em;margin-top:2em}</style>
<script>${plotlyScript()}</script></head>
<body><h1>${escapeHtml(title)}</h1>
${blocks}
<script>${calls}</script>
</body></html>
`;
}
