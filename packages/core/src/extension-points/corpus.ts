import type { Contribution, CorpusManifest, RunContext } from './contribution';
import type { SequenceSource } from '../data/sequence';

/** Service identifier under which plugins multi-bind their corpora. */
export const CorpusContribution = Symbol.for('emotrans.CorpusContribution');

/** The sequences of one domain that a corpus provides. */
export interface CorpusData {
  /** `music`, `speech`, or any other domain name. */
  readonly domain: string;
  /** Sequences with arousal/valence traces, for training and testing. */
  readonly labelled: readonly SequenceSource[];
  /** Audio without labels (e.g. for fitting a denoising autoencoder on the target domain). */
  readonly unlabelled: readonly SequenceSource[];
  /** What the loader did to the labels (original scale, rate, dropped items), kept in the results. */
  readonly report?: Record<string, unknown>;
}

/** A corpus: loads the labelled and unlabelled sequences of a domain. */
export interface Corpus<Options = Record<string, unknown>> extends Contribution {
  readonly manifest: CorpusManifest;
  load(options: Options, context: RunContext): Promise<CorpusData>;
}
