import type { JsonSchema } from '@emotrans/core';

export type OptimiserName = 'adam' | 'rmsprop' | 'sgd';
export type LossName = 'mse' | 'ccc';

/** Options of the `lstm` and `blstm` regressors (defaults in `LSTM_OPTIONS_SCHEMA`). */
export interface LstmOptions {
  /** Units of each stacked LSTM layer, input side first (the paper: 150 then 10). */
  units: number[];
  /** Standard deviation of the Gaussian noise added to the (z-scored) inputs during training only. */
  inputNoise: number;
  /** Dropout rate on the outputs of each LSTM layer during training. */
  dropout: number;
  learningRate: number;
  optimiser: OptimiserName;
  /** Upper bound on training epochs (passes over all training chunks). */
  epochs: number;
  /** Chunks (subsequences) per gradient step. */
  batchSize: number;
  /** `mse`: mean squared error; `ccc`: 1 - concordance correlation coefficient (mean over arousal and valence). */
  loss: LossName;
  /** Epochs without a better validation loss before training stops; 0 = never stop early. */
  patience: number;
  /**
   * Training cuts each sequence into consecutive subsequences of at most this many steps (the fewest that
   * fit, of near-equal lengths), so a batch holds many short sequences of similar length: shorter unrolling,
   * more gradient steps per epoch, little padding. 0 trains on whole sequences. Prediction always runs over
   * whole sequences, so the state carries across chunk borders at test time.
   */
  chunkLength: number;
}

/** JSON Schema of the options, with the defaults the core fills in. */
export const LSTM_OPTIONS_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    units: {
      type: 'array',
      // Bounded so a typo (100000 units: 23 GB) is a spec error, not an exhausted machine.
      items: { type: 'integer', minimum: 1, maximum: 4096 },
      minItems: 1,
      maxItems: 16,
      default: [150, 10],
      description: 'units of each stacked LSTM layer, input side first',
    },
    inputNoise: { type: 'number', minimum: 0, default: 0.5, description: 'sigma of Gaussian noise on the inputs while training' },
    dropout: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0, description: 'dropout rate after each LSTM layer while training' },
    learningRate: { type: 'number', exclusiveMinimum: 0, default: 0.003 },
    optimiser: { enum: ['adam', 'rmsprop', 'sgd'], default: 'adam' },
    epochs: { type: 'integer', minimum: 1, default: 40, description: 'maximum number of epochs' },
    batchSize: { type: 'integer', minimum: 1, default: 16, description: 'chunks per gradient step' },
    loss: { enum: ['mse', 'ccc'], default: 'mse', description: 'mse, or ccc meaning 1 - CCC' },
    patience: { type: 'integer', minimum: 0, default: 5, description: 'early stopping: epochs without validation improvement (0 = off)' },
    chunkLength: {
      type: 'integer',
      minimum: 0,
      default: 50,
      description: 'train on consecutive subsequences of at most this many steps (0 = whole sequences); prediction uses whole sequences',
    },
  },
};
