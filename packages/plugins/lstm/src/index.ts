import { contribute } from '@emotrans/core';
import { blstm, lstm } from './regressor';

export { blstm, lstm, fitLstm, type FittedLstm } from './regressor';
export { LSTM_OPTIONS_SCHEMA, type LstmOptions, type LossName, type OptimiserName } from './options';
export { createNetwork, disposeNetwork, runNetwork, networkVariables, type LstmNetwork } from './network';
export { chunkSequences, makeBatch, disposeBatch, chunkOf, type Chunk, type TensorBatch } from './batch';
export { maskedLoss } from './loss';
export { trainNetwork, type TrainingReport } from './train';
export const containerModule = contribute(lstm, blstm);
