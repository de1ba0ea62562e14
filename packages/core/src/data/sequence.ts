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
}
