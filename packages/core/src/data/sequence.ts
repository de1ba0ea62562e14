import type { AudioRef } from './audio';
import type { Traces } from './traces';

/** One sequence as a corpus provides it: audio plus (when labelled) gold traces. */
export interface SequenceSource {
  /** Unique within its corpus. */
  readonly id: string;
  readonly domain: string;
  /** Sequences in one group (piece, speaker) always fall in the same cross-validation fold. */
  readonly group: string;
  readonly audio: AudioRef;
  /** Gold arousal/valence, at the annotation's own times; the runner aligns them with the features. */
  readonly labels?: Traces;
  /**
   * Where the labels were read from (optional): the annotation file and, per annotation point, its line, so
   * the runner's checks of the labels (finite, increasing times) can name the line to fix.
   */
  readonly labelsOrigin?: { readonly file: string; readonly lines?: readonly number[] };
}
