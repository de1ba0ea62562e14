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

/**
 * A feature set turns audio into a feature matrix whose row i describes the time `times[i]`
 * (seconds from the start of the audio; the centre of the row's window). Labels are paired with
 * rows by reading the annotation at `times[i]`.
 */
export interface FeatureSet<Options = Record<string, unknown>> extends Contribution {
  readonly manifest: FeatureSetManifest;
  describe(options: Options): FeatureSetInfo;
  extract(audio: AudioSignal, options: Options, context: RunContext): Promise<FeatureMatrix>;
}
