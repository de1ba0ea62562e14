/**
 * The openSMILE building blocks eGeMAPS shares with ComParE, taken from the compare plugin's public entry:
 * GeMAPS runs the same cSpecScale / cPitchShs chain (other pitch range), the same 26-band mel bank, auditory
 * spectrum and MFCC transform, the same cContourSmoother, the same cPitchSmootherViterbi, the same cPitchJitter
 * period search (GeMAPS: searchRangeRel 0.1, fixed threshold) and its parabolic refinement, the windowed frame
 * spectrum (FrameSpectrum, dsp.SpectrumAnalyser's bit for bit) and the assembler of the WebAssembly SIMD kernels. Imported here in one place, under eGeMAPS' names.
 */
export {
  AuditorySpectrum,
  FrameSpectrum,
  MfccTransform,
  compareFrameCount,
  comparEMelBank as openSmileMelBank,
  smoothContour,
  ShsPitchCandidates,
  analysePeriodsOpensmile,
  parabolaVertex,
  type FramedPitch,
  smoothPitchViterbi,
  sleb,
  oneFunctionModule,
  wasmKernel,
  wasmVector,
  WASM_OP,
  WASM_CODE,
  type WasmMemory,
} from '@emotrans/plugin-compare';
