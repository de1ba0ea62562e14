import type { Contribution, FeatureSetManifest, RunContext } from './contribution';
import type { AudioSignal } from '../data/audio';
import type { FeatureMatrix } from '../data/feature-matrix';

/** Service identifier under which plugins multi-bind their feature sets. */
export const FeatureSetContribution = Symbol.for('emotrans.FeatureSetContribution');

/** What a feature set produces for given options, known before any audio is seen. */
export interface FeatureSetInfo {
  readonly names: readonly string[];
  /** Rows per second of the output. */
  readonly frameRate: number;
  /** Sample rate the audio is resampled to before extraction (undefined: any rate). */
  readonly sampleRate?: number;
  /** false: the output depends on more than the audio (e.g. files read from disk), so it is never cached. */
  readonly cache?: boolean;
}

/** The audio a feature stream is about to receive: its rate and where it comes from (for messages). */
export interface StreamedAudio {
  readonly sampleRate: number;
  readonly origin: string;
}

/**
 * One extraction fed block by block (see FeatureSet.stream). `push` gets the next mono samples in [-1, 1]
 * (a block of any length, possibly reused by the caller after the call: copy what you keep) and returns the
 * rows that are complete so far; `end` says the audio is over and returns the remaining rows. The rows
 * returned over all calls, in order, are the rows `extract` gives for the whole signal (same names, times
 * and values), whatever the block sizes. A call may return undefined or a matrix of 0 rows when nothing is
 * complete yet.
 */
export interface FeatureStream {
  push(samples: Float32Array): FeatureMatrix | undefined;
  end(): FeatureMatrix | undefined;
}

/**
 * A feature set turns audio into a feature matrix whose row i describes the time `times[i]`
 * (seconds from the start of the audio; the centre of the row's window). Labels are paired with
 * rows by reading the annotation at `times[i]`.
 *
 * `stream` is optional: a set that has it is fed long audio in blocks (memory bounded by the set's own
 * look-back, not by the length of the file); it may return undefined for options it cannot stream, and the
 * core then calls `extract` with the whole signal. Sets without it keep working unchanged.
 */
export interface FeatureSet<Options = Record<string, unknown>> extends Contribution {
  readonly manifest: FeatureSetManifest;
  describe(options: Options): FeatureSetInfo;
  extract(audio: AudioSignal, options: Options, context: RunContext): Promise<FeatureMatrix>;
  stream?(audio: StreamedAudio, options: Options, context: RunContext): FeatureStream | undefined | Promise<FeatureStream | undefined>;
}
