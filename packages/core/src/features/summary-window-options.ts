import type { JsonSchema } from '../extension-points/contribution';
import { BadInputError } from '../runtime/errors';

/**
 * Options of a feature set that summarises frame-level tracks over windows of `window` seconds every `hop`
 * seconds (edge rule: dsp.frameWindows).
 */
export interface SummaryWindowOptions {
  /** Summary window length, seconds. */
  window: number;
  /** Hop between windows, seconds (1 s for 1 Hz annotations, 0.5 s for 2 Hz). */
  hop: number;
}

/**
 * Windows are summaries of 10 ms frames: a window or hop shorter than one frame describes nothing new and,
 * at hop 1e-6, asks for a million rows per second of audio (gigabytes before the first result).
 */
export const MIN_SUMMARY_SECONDS = 0.01;

/** The option schemas of `window` and `hop`: seconds >= one 10 ms frame, 1 s each by default (the paper's 1 Hz summaries). */
export const SUMMARY_WINDOW_OPTIONS: Record<string, JsonSchema> = {
  window: { type: 'number', minimum: MIN_SUMMARY_SECONDS, maximum: 3600, default: 1 },
  hop: { type: 'number', minimum: MIN_SUMMARY_SECONDS, maximum: 3600, default: 1 },
};

/**
 * Checks window and hop on extraction too: callers that bypass option validation (notebooks, direct calls)
 * get a BadInputError naming the feature set and the audio, not an empty or endless summary.
 */
export function assertSummaryWindow(featureSet: string, options: SummaryWindowOptions, origin: string): void {
  if (!(options.window >= MIN_SUMMARY_SECONDS) || !(options.hop >= MIN_SUMMARY_SECONDS)) {
    throw new BadInputError(`${featureSet}: window (${options.window}) and hop (${options.hop}) must be at least ${MIN_SUMMARY_SECONDS} s (one 10 ms frame)`, origin);
  }
}
