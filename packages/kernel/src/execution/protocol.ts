/** Messages between the kernel and its runtime process (Node IPC, JSON). */

/** Global through which cells reach the runtime's helpers (require, import interop). */
export const RUNTIME_GLOBAL = '__emotrans';

/** A MIME bundle: `{ 'text/plain': ..., 'text/html': ... }`. */
export type MimeBundle = Record<string, unknown>;

export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Kernel → runtime. */
export type RuntimeRequest =
  | { type: 'run'; id: number; cell: number; label: string; js: string; sourceMap: string; prefixLength: number; tsSource: string; hasResult: boolean }
  /** user_expressions compiled to JavaScript, or the error that stopped one compiling. */
  | { type: 'evaluate'; id: number; expressions: Record<string, string | CellError> }
  | { type: 'input-reply'; request: number; value?: string; error?: string };

/** Runtime → kernel. */
export type RuntimeEvent =
  | { type: 'ready' }
  | { type: 'stream'; id: number; name: 'stdout' | 'stderr'; text: string }
  | { type: 'display'; id: number; data: MimeBundle; metadata: Record<string, unknown>; displayId?: string; update?: boolean }
  | { type: 'clear'; id: number; wait: boolean }
  | { type: 'input'; id: number; request: number; prompt: string; password: boolean }
  | { type: 'done'; id: number; result?: { data: MimeBundle; metadata: Record<string, unknown> }; error?: CellError }
  | { type: 'evaluated'; id: number; results: Record<string, { status: 'ok'; data: MimeBundle; metadata: Record<string, unknown> } | ({ status: 'error' } & CellError)> };
