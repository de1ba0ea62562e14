export * from './lld/lld-names';
export { EgemapsLldAnalyser, EGEMAPS_FRAMING } from './lld/compute-llds';
export { smoothEgemapsLlds } from './lld/smooth-llds';
export { egemapsFunctionals, functionalContours } from './functionals/egemaps-functionals';
export { EGEMAPS_FUNCTIONAL_NAMES } from './functionals/functional-names';
