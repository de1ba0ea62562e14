import { contribute } from '@emotrans/core';
import { dae } from './dae';

export { dae, fitDae, type FittedDae } from './dae';
export { DAE_OPTIONS_SCHEMA, type DaeOptions, type DaeMode } from './options';
export { createAutoencoder, disposeAutoencoder, encode, reconstruct, type Autoencoder } from './autoencoder';
export { trainAutoencoder, corrupt, type DaeTrainingReport } from './train';
export const containerModule = contribute(dae);
