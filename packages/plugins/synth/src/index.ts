import { contribute } from '@emotrans/core';
import { synthCorpus } from './synth-corpus';

export { synthCorpus, synthFolder, GENERATOR_VERSION, type SynthCorpusOptions } from './synth-corpus';
export { planSequence, type AudioSettings, type PlannedSequence, type SynthDomain } from './generate-sequence';
export { encodeWav16 } from './wav';
export { randomTrajectory, monotoneCubic, type Trajectory } from './trajectory';
export const containerModule = contribute(synthCorpus);
