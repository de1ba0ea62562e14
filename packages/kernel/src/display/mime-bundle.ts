import util from 'node:util';
import type { MimeBundle } from '../execution/protocol';
import { danfoBundle, isDanfoFrame } from './dataframe';
import { imageBundle, isSvgText } from './image';
import { isPlotlyFigure, plotlyBundle } from './plotly';

/**
 * Objects may describe their own display: a method under this symbol returning a MIME bundle
 * (the notebook counterpart of Python's `_repr_mimebundle_`).
 */
export const MIME_BUNDLE = Symbol.for('emotrans.mimeBundle');

/** Longest string result shown whole; longer ones are cut, and the text says so. */
const MAX_RESULT_STRING = 100_000;

function plain(value: unknown): string {
  if (typeof value !== 'string') return util.inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 });
  const shown = util.inspect(value, { maxStringLength: MAX_RESULT_STRING });
  if (value.length <= MAX_RESULT_STRING) return shown;
  return `${shown}\n(result truncated: ${MAX_RESULT_STRING.toLocaleString('en')} of ${value.length.toLocaleString('en')} characters shown; console.log() it, or display.text() it, to see all of it)`;
}

/** How the kernel shows a value: tables for danfo frames, plots for Plotly figures, images for image bytes. */
export function toMimeBundle(value: unknown, requireFrom: NodeRequire): MimeBundle {
  if (typeof value === 'object' && value !== null) {
    const own = (value as { [MIME_BUNDLE]?: unknown })[MIME_BUNDLE];
    if (typeof own === 'function') {
      const bundle = own.call(value) as MimeBundle;
      return { 'text/plain': plain(value), ...bundle };
    }
    if (isDanfoFrame(value)) return danfoBundle(value);
    if (isPlotlyFigure(value)) return plotlyBundle(value, requireFrom);
    if (value instanceof Uint8Array) {
      const image = imageBundle(value);
      if (image) return image;
    }
  }
  return { 'text/plain': plain(value) };
}

/** `display.svg(text)` etc.: explicit MIME types. */
export function explicitBundle(mime: string, content: unknown): MimeBundle {
  if (mime === 'image/png' || mime === 'image/jpeg') {
    const data = typeof content === 'string' ? content : Buffer.from(content as Uint8Array).toString('base64');
    return { [mime]: data, 'text/plain': `<${mime}>` };
  }
  if (mime === 'image/svg+xml') {
    const text = typeof content === 'string' ? content : Buffer.from(content as Uint8Array).toString('utf8');
    if (!isSvgText(text)) throw new TypeError('display.svg: the content is not an SVG document');
    return { [mime]: text, 'text/plain': '<SVG image>' };
  }
  if (mime === 'application/json') return { [mime]: content, 'text/plain': plain(content) };
  // Markdown reads fine as plain text; HTML and other types get a placeholder.
  return { [mime]: String(content), 'text/plain': mime === 'text/plain' || mime === 'text/markdown' ? String(content) : `<${mime}>` };
}
