/**
 * The openSMILE building blocks eGeMAPS shares with ComParE, taken from the compare plugin's public entry:
 * GeMAPS runs the same cSpecScale / cPitchShs chain (other pitch range), the same 26-band mel bank, auditory
 * spectrum and MFCC transform, the same cContourSmoother, the same per-frame jitter/shimmer bookkeeping of
 * cPitchJitter and its period-search arithmetic. Imported here in one place, under eGeMAPS' names.
 */
export {
  AuditorySpectrum,
  MfccTransform,
  compareFrameCount,
  comparEMelBank as openSmileMelBank,
  smoothContour,
  OctaveSpectrum,
  SubharmonicSummation,
  OpensmilePeriodStatistics,
  correlation,
  parabolaVertex,
  peakToPeakInner,
} from '@emotrans/plugin-compare';
