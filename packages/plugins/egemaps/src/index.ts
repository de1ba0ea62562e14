import { contribute } from '@emotrans/core';
import { egemapsLld } from './feature-sets/egemaps-lld';
import { egemaps, egemaps1Hz } from './feature-sets/egemaps-functionals-set';

export { egemapsLld, egemaps, egemaps1Hz };
export type { Egemaps1HzOptions } from './feature-sets/egemaps-functionals-set';
export * from './lld/lld-names';
export { EgemapsLldAnalyser, EGEMAPS_FRAMING } from './lld/compute-llds';
export type { RawEgemapsLlds } from './lld/compute-llds';
export { smoothEgemapsLlds } from './lld/smooth-llds';
export type { EgemapsTracks } from './lld/smooth-llds';
export { extractRawLlds } from './feature-sets/extract';
export { egemapsFunctionals, functionalContours } from './functionals/egemaps-functionals';
export type { FrameSpan, FunctionalContours } from './functionals/egemaps-functionals';
export { EGEMAPS_FUNCTIONAL_NAMES } from './functionals/functional-names';
export const containerModule = contribute(egemapsLld, egemaps, egemaps1Hz);
