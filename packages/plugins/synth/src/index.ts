import { contribute } from '@emotrans/core';
import { synthCorpus } from './synth-corpus';

export { synthCorpus, synthFolder, GENERATOR_VERSION, type SynthCorpusOptions } from './synth-corpus';
export { planSequence, type AudioSettings, type PlannedSequence, type SynthDomain } from './generate-sequence';
/** Re-exported for existing users; the encoder lives in @emotrans/core next to the decoder. */
export { encodeWav16 } from '@emotrans/core';
export { randomTrajectory, monotoneCubic, type Trajectory } from './trajectory';
export const containerModule = contribute(synthCorpus);
