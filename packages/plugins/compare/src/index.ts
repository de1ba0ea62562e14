import { contribute } from '@emotrans/core';
import { compare1Hz, compare2016_1Hz } from './feature-sets/compare-1hz';
import { compare2016Lld, compareLld } from './feature-sets/compare-lld';

export { compare1Hz, compare2016_1Hz, compare2016Lld, compareLld };
export * from './feature-sets/compare-options';
export { analyserFor } from './feature-sets/extract-tracks';
export * from './lld/lld-names';
export { ComparELldAnalyser, COMPARE_FRAMING, compareFrameCount, comparEGrid, comparERowTime } from './lld/compute-llds';
export type { ComparEGrid, RawLlds, VoicingFunction, VoicingTrackSet } from './lld/compute-llds';
export { smoothAndDelta } from './lld/smooth-and-delta';
export type { ComparETracks } from './lld/smooth-and-delta';
export { SpectralDescriptors, sharpnessWeight } from './lld/spectral-descriptors';
export { AuditorySpectrum, equalLoudnessWeight } from './lld/auditory-spectrum';
export { RastaFilter } from './lld/rasta-filter';
export { MfccTransform } from './lld/mfcc';
export { rmsEnergy, zeroCrossingRate } from './lld/energy';
export { extractComparETracks } from './feature-sets/extract-tracks';
export { voicingTracks, COMPARE_PITCH, VOICE_QUALITY_METHODS } from './voicing';
export type { VoicingTracks, VoicingOptions, VoiceQualityMethod } from './voicing';
// openSMILE building blocks other feature sets reuse (eGeMAPS runs the same chains with other parameters).
export { comparEMelBank } from './lld/mel-bank';
export { smoothContour } from './lld/contour-smoother';
export { OctaveSpectrum } from './voicing/octave-spectrum';
export { SubharmonicSummation } from './voicing/subharmonic-summation';
export { OpensmilePeriodStatistics } from './voicing/opensmile-period-statistics';
export { correlation, parabolaVertex, peakToPeakInner } from './voicing/period-search';
export const containerModule = contribute(compareLld, compare1Hz, compare2016Lld, compare2016_1Hz);
