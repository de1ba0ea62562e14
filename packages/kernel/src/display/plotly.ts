import crypto from 'node:crypto';
import fs from 'node:fs';
import type { MimeBundle } from '../execution/protocol';
import { escapeHtml } from './html-escape';

/** A Plotly figure: `{ data: [...traces], layout?, config? }`. */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: unknown[];
}

export function isPlotlyFigure(value: unknown): value is PlotlyFigure {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Partial<PlotlyFigure>;
  return Array.isArray(v.data) && v.data.every((t) => typeof t === 'object' && t !== null) && (v.layout === undefined || typeof v.layout === 'object');
}

/** File name of the AMD-safe plotly.js installed with the kernelspec (kernelspec/install.ts). */
export const PLOTLY_ASSET = 'plotly-emotrans.js';

/**
 * plotly.js from the installed `plotly.js-dist`, wrapped so that it sets `window.Plotly` even where
 * require.js is present (classic Notebook), where its UMD header would otherwise register an AMD module.
 */
export function plotlyLibrarySource(requireFrom: NodeRequire): string {
  const file = requireFrom.resolve('plotly.js-dist');
  // ASCII only (\uXXXX escapes are valid in identifiers, strings and regexes alike), so the script runs
  // whatever encoding the page is read with; no `</script` to end an element early.
  const source = fs
    .readFileSync(file, 'utf8')
    .replace(/\ufeff/g, ' ') // byte order marks left at the start of bundled modules: whitespace there
    .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/<\/script/gi, '<\\/script');
  return `(function () { var define = undefined, module = undefined, exports = undefined;\n${source}\n}).call(window);\n`;
}

/** How figures get plotly.js in a page without a Plotly renderer (classic Notebook, exported HTML). */
export interface PlotlyOptions {
  /** Kernelspec name: the page loads plotly.js from `<base>/kernelspecs/<name>/plotly-emotrans.js`. */
  kernelName: string;
  /** Embed plotly.js (about 11 MB) in every figure, for standalone HTML export. */
  embed: boolean;
}

export function plotlyOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PlotlyOptions {
  return { kernelName: env.EMOTRANS_KERNEL_NAME || 'emotrans', embed: env.EMOTRANS_EMBED_PLOTLY === '1' };
}

/**
 * The figure as `application/vnd.plotly.v1+json` (JupyterLab, VS Code and Notebook 7 render it) and as HTML
 * for pages without that renderer: it loads plotly.js once per page from the kernelspec's folder (served by
 * the notebook server, offline) unless already there, or embeds it when asked. Until drawn (untrusted
 * notebook, no script), the HTML shows what the figure is.
 */
export function plotlyBundle(figure: PlotlyFigure, requireFrom: NodeRequire, options: PlotlyOptions = plotlyOptionsFromEnv()): MimeBundle {
  const id = `emotrans-plot-${crypto.randomUUID()}`;
  let library = '';
  if (options.embed) {
    try {
      library = `<script type="text/javascript">${plotlyLibrarySource(requireFrom)}</script>`;
    } catch {
      library = '<!-- plotly.js-dist is not installed: the figure renders where plotly.js is already loaded -->';
    }
  }
  const title = (figure.layout as { title?: unknown } | undefined)?.title;
  const titleText = typeof title === 'string' ? title : typeof (title as { text?: unknown })?.text === 'string' ? (title as { text: string }).text : '';
  const text = `Plotly figure${titleText ? ` '${titleText}'` : ''} with ${figure.data.length} trace(s)`;
  const json = JSON.stringify({ data: figure.data, layout: figure.layout ?? {} }).replace(/<\//g, '<\\/');
  const config = JSON.stringify({ responsive: true, ...(figure.config ?? {}) });
  const asset = JSON.stringify(`kernelspecs/${options.kernelName}/${PLOTLY_ASSET}`);
  const fallback = escapeHtml(`${text} (drawn by plotly.js once the notebook is trusted)`);
  const html =
    `${library}<div id="${id}" class="plotly-graph-div" style="height:${Number((figure.layout ?? {}).height) || 420}px; width:100%;">${fallback}</div>` +
    `<script type="text/javascript">(function () { var fig = ${json}; var el = document.getElementById(${JSON.stringify(id)});` +
    ` function draw() { el.textContent = ''; window.Plotly.newPlot(el, fig.data, fig.layout, ${config}); }` +
    ` if (window.Plotly) { draw(); return; }` +
    ` var base = document.body.getAttribute('data-base-url'); var conf = document.getElementById('jupyter-config-data');` +
    ` if (!base && conf) { try { base = JSON.parse(conf.textContent).baseUrl; } catch (e) {} }` +
    ` base = (base || '/').replace(/\\/?$/, '/');` +
    ` window.emotransPlotly = window.emotransPlotly || new Promise(function (resolve, reject) { var s = document.createElement('script'); s.src = base + ${asset}; s.onload = resolve; s.onerror = reject; document.head.appendChild(s); });` +
    ` window.emotransPlotly.then(draw, function () { el.textContent = ${JSON.stringify(`${text}: plotly.js could not be loaded from the kernel's installation (`)} + base + ${asset} + ${JSON.stringify('); reinstall the kernelspec, or set EMOTRANS_EMBED_PLOTLY=1 to embed it in figures.')}; }); })();</script>`;
  return {
    'application/vnd.plotly.v1+json': { data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} },
    'text/html': html,
    'text/plain': text,
  };
}
