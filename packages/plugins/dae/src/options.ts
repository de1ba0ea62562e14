import type { JsonSchema } from '@emotrans/core';

export type DaeMode = 'reconstruct' | 'encode';

/** Options of the `dae` transfer method (defaults in `DAE_OPTIONS_SCHEMA`). */
export interface DaeOptions {
  /** Encoder layer sizes, input side first; the decoder mirrors them and the last is the bottleneck. */
  hidden: number[];
  /** Standard deviation of the Gaussian noise added to the (z-scored) inputs while training. */
  noiseSigma: number;
  /** Fraction of input values set to 0 (the mean of z-scored features) while training. */
  maskFraction: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  /**
   * `reconstruct` (the paper's variant): source and target features are replaced by their reconstruction
   * through the autoencoder trained on target data; `encode`: both are replaced by the bottleneck code.
   */
  mode: DaeMode;
}

export const DAE_OPTIONS_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    hidden: {
      type: 'array',
      // Bounded so a typo (100000 units: 23 GB) is a spec error, not an exhausted machine.
      items: { type: 'integer', minimum: 1, maximum: 4096 },
      minItems: 1,
      maxItems: 16,
      default: [128],
      description: 'encoder layer sizes (the decoder mirrors them; the last is the bottleneck)',
    },
    noiseSigma: { type: 'number', minimum: 0, default: 0.3, description: 'sigma of Gaussian input noise while training' },
    maskFraction: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0, description: 'fraction of inputs zeroed while training' },
    epochs: { type: 'integer', minimum: 1, default: 60 },
    learningRate: { type: 'number', exclusiveMinimum: 0, default: 0.003 },
    batchSize: { type: 'integer', minimum: 1, default: 64, description: 'feature windows (rows) per gradient step' },
    mode: { enum: ['reconstruct', 'encode'], default: 'reconstruct', description: 'reconstruct: features through the DAE; encode: bottleneck code' },
  },
};
