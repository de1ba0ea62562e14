import type { AudioSignal } from '@emotrans/core';

/** ComParE is defined on 16 kHz audio (mel bank up to 8 kHz). */
export const COMPARE_SAMPLE_RATE = 16000;

/**
 * The signal the ComParE analysis runs on. The runner resamples audio to the rate a feature set declares
 * before extraction; audio at another rate is analysed at its own rate (all parameters are in seconds and
 * Hz, the mel bank stops at the Nyquist frequency).
 */
export async function compareInput(audio: AudioSignal): Promise<AudioSignal> {
  return audio;
}
