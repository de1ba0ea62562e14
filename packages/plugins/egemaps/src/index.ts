export * from './lld/lld-names';
export { EgemapsLldAnalyser, EGEMAPS_FRAMING } from './lld/compute-llds';
export { smoothEgemapsLlds } from './lld/smooth-llds';
