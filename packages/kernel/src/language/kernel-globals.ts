/** Declarations of what the runtime puts in every cell's scope (runtime-worker.ts), for the type checker. */
export const KERNEL_GLOBALS_DTS = `
interface EmotransDisplayOptions {
  /** Show under this id, so that display.update(id, value) can replace the output later. */
  id?: string;
  metadata?: Record<string, unknown>;
}
/** Shows a value as rich output: danfo frames as tables, Plotly figures as plots, PNG/SVG bytes as images. */
declare const display: {
  (value: unknown, options?: EmotransDisplayOptions): void;
  html(html: string, options?: EmotransDisplayOptions): void;
  markdown(markdown: string, options?: EmotransDisplayOptions): void;
  text(text: string, options?: EmotransDisplayOptions): void;
  svg(svg: string | Uint8Array, options?: EmotransDisplayOptions): void;
  png(png: Uint8Array | string, options?: EmotransDisplayOptions): void;
  json(value: unknown, options?: EmotransDisplayOptions): void;
  /** A MIME bundle as it is, e.g. { 'text/html': '<b>hi</b>', 'text/plain': 'hi' }. */
  mime(bundle: Record<string, unknown>, options?: EmotransDisplayOptions): void;
  update(id: string, value: unknown): void;
};
/** A line typed by the user in the front end (needs a front end that allows input, like Notebook). */
declare function input(prompt?: string, options?: { password?: boolean }): Promise<string>;
/** Clears the output of the running cell (wait: only when new output arrives). */
declare function clearOutput(wait?: boolean): void;
`;
