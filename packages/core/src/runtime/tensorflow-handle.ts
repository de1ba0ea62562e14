/**
 * What the API promises of the TensorFlow.js module `context.tf()` returns, without depending on
 * tfjs's own declarations (which a plugin project need not install, and which do not type-check without
 * skipLibCheck). A plugin that uses TensorFlow.js installs `@tensorflow/tfjs` (as a dev dependency, for
 * its types) and casts: `const tf = (await context.tf()) as unknown as typeof import('@tensorflow/tfjs')`.
 * At run time it is the core's TensorFlow.js with the backend the core chose (wasm by default).
 */
export interface TensorFlowHandle {
  /** The active backend: `tensorflow` (native), `wasm` or `cpu`. */
  getBackend(): string;
  /** Live tensors and bytes, to check a plugin frees what it allocates. */
  memory(): { readonly numTensors: number; readonly numBytes: number };
  ready(): Promise<void>;
}
