import { contribute } from '@emotrans/core';
import { psychoacousticFeatures, computePsychoacoustic } from './psychoacoustic-features';

export { psychoacousticFeatures, computePsychoacoustic };
export type { PsychoacousticOptions } from './psychoacoustic-features';
export { PSYCHOACOUSTIC_NAMES, FRAME_DESCRIPTORS, WINDOW_DESCRIPTORS } from './feature-names';
export { spectralTracks, SPECTRAL_FRAME_SECONDS } from './spectral/frame-spectral-features';
export type { SpectralTracks } from './spectral/frame-spectral-features';
export { LoudnessModel, thresholdInQuiet, FULL_SCALE_DB_SPL } from './spectral/loudness-sharpness';
export { criticalBands } from './spectral/critical-bands';
export { roughnessTrack } from './spectral/roughness';
export { pickOnsets } from './rhythm/onsets';
export { estimateTempo } from './rhythm/tempo';
export { syllableNuclei } from './prosody/syllable-nuclei';
export { pitchContour, semitones } from './prosody/pitch-contour';
export const containerModule = contribute(psychoacousticFeatures);
