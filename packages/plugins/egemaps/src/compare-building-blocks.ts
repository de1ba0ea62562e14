/**
 * The openSMILE building blocks eGeMAPS shares with ComParE, taken from the compare plugin: GeMAPS runs the
 * same cSpecScale / cPitchShs chain (other pitch range), the same
 * 26-band mel bank, auditory spectrum and MFCC transform, the same cContourSmoother and the same per-frame
 * jitter/shimmer bookkeeping of cPitchJitter. Some of these are not (yet) in the compare plugin's public
 * index, so they are imported from its modules here, in one place: if compare exports them, only this file
 * changes.
 */
export { AuditorySpectrum, MfccTransform, compareFrameCount } from '@emotrans/plugin-compare';
export { comparEMelBank as openSmileMelBank } from '@emotrans/plugin-compare/dist/lld/mel-bank';
export { smoothContour } from '@emotrans/plugin-compare/dist/lld/contour-smoother';
export { OctaveSpectrum } from '@emotrans/plugin-compare/dist/voicing/octave-spectrum';
export { SubharmonicSummation } from '@emotrans/plugin-compare/dist/voicing/subharmonic-summation';
export { OpensmilePeriodStatistics } from '@emotrans/plugin-compare/dist/voicing/opensmile-period-statistics';
