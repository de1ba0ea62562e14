import crypto from 'node:crypto';
import fs from 'node:fs';
import type { MimeBundle } from '../execution/protocol';

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

let libraryEmbedded = false;

/** The next figure embeds plotly.js again (a new page; used by tests). */
export function forgetEmbeddedLibrary(): void {
  libraryEmbedded = false;
}

/**
 * plotly.js from the installed `plotly.js-dist`, wrapped so that it sets `window.Plotly` even where
 * require.js is present (classic Notebook), where its UMD header would otherwise register an AMD module.
 */
function plotlyLibraryScript(requireFrom: NodeRequire): string {
  const file = requireFrom.resolve('plotly.js-dist');
  // ASCII only (\uXXXX escapes are valid in identifiers, strings and regexes alike), so the script runs
  // whatever encoding the page is read with; no `</script` to end the element early.
  const source = fs
    .readFileSync(file, 'utf8')
    .replace(/\ufeff/g, ' ') // byte order marks left at the start of bundled modules: whitespace there
    .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/<\/script/gi, '<\\/script');
  return `<script type="text/javascript">(function () { var define = undefined, module = undefined, exports = undefined;\n${source}\n}).call(window);</script>`;
}

/**
 * The figure as `application/vnd.plotly.v1+json` (JupyterLab renders it) and as HTML that draws it with
 * plotly.js embedded in the page: the library goes into the first figure of the session only.
 */
export function plotlyBundle(figure: PlotlyFigure, requireFrom: NodeRequire): MimeBundle {
  const id = `emotrans-plot-${crypto.randomUUID()}`;
  let library = '';
  if (!libraryEmbedded) {
    try {
      library = plotlyLibraryScript(requireFrom);
      libraryEmbedded = true;
    } catch {
      library = '<!-- plotly.js-dist is not installed: the figure renders where plotly.js is already loaded -->';
    }
  }
  const json = JSON.stringify({ data: figure.data, layout: figure.layout ?? {} }).replace(/<\//g, '<\\/');
  const config = JSON.stringify({ responsive: true, ...(figure.config ?? {}) });
  const html =
    `${library}<div id="${id}" class="plotly-graph-div" style="height:${Number((figure.layout ?? {}).height) || 420}px; width:100%;"></div>` +
    `<script type="text/javascript">(function () { var fig = ${json}; var el = document.getElementById(${JSON.stringify(id)});` +
    ` if (window.Plotly) { window.Plotly.newPlot(el, fig.data, fig.layout, ${config}); }` +
    ` else { el.textContent = 'plotly.js is not loaded in this page (it comes with the first figure of a kernel session): restart the kernel and run the notebook again.'; } })();</script>`;
  const title = (figure.layout as { title?: unknown } | undefined)?.title;
  const titleText = typeof title === 'string' ? title : typeof (title as { text?: unknown })?.text === 'string' ? (title as { text: string }).text : '';
  return {
    'application/vnd.plotly.v1+json': { data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} },
    'text/html': html,
    'text/plain': `Plotly figure${titleText ? ` '${titleText}'` : ''} with ${figure.data.length} trace(s)`,
  };
}
