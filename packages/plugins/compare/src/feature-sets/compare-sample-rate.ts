import { resample, type AudioSignal } from '@emotrans/core';

/** ComParE is defined on 16 kHz audio (mel bank up to 8 kHz). */
export const COMPARE_SAMPLE_RATE = 16000;

/**
 * The signal the ComParE analysis runs on: the audio itself at 16 kHz, otherwise resampled to 16 kHz (the
 * runner usually does that already, since the feature sets declare the rate).
 */
export async function compareInput(audio: AudioSignal): Promise<AudioSignal> {
  return audio.sampleRate === COMPARE_SAMPLE_RATE ? audio : resample(audio, COMPARE_SAMPLE_RATE);
}
