import { contribute } from '@emotrans/core';
import { compare1Hz } from './feature-sets/compare-1hz';
import { compareLld } from './feature-sets/compare-lld';

export { compare1Hz, compareLld };
export * from './lld/lld-names';
export { ComparELldAnalyser, COMPARE_FRAMING, compareFrameCount } from './lld/compute-llds';
export type { RawLlds, VoicingFunction, VoicingTrackSet } from './lld/compute-llds';
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
export const containerModule = contribute(compareLld, compare1Hz);
