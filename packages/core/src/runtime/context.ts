import type { Progress } from './progress';
import type { Random } from './random';
import type { TensorFlowHandle } from './tensorflow-handle';

/** What the core hands every contribution when it runs it. */
export interface RunContext {
  /** Seeded random numbers for this unit of work; fork it for sub-tasks. */
  readonly random: Random;
  /** A folder for caches that survive runs (features, generated corpora). */
  readonly cacheDir: string;
  readonly progress: Progress;
  /** Diagnostic messages (stderr in the CLI). */
  log(message: string): void;
  /**
   * TensorFlow.js with the backend the core chose, typed minimally (see TensorFlowHandle); cast it to
   * `typeof import('@tensorflow/tfjs')` to use the whole library.
   */
  tf(): Promise<TensorFlowHandle>;
}
