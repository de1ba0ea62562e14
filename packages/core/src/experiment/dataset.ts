import type { FeatureMatrix } from '../data/feature-matrix';
import type { Traces } from '../data/traces';

/** A labelled sequence ready for learning: features and gold traces aligned row by row. */
export interface LabelledSequence {
  readonly id: string;
  readonly domain: string;
  readonly group: string;
  readonly features: FeatureMatrix;
  readonly targets: Traces;
}

/** Everything of one domain an experiment uses. */
export interface DomainDataset {
  readonly domain: string;
  readonly labelled: readonly LabelledSequence[];
  /** Features of the domain's unlabelled audio (for transfer methods). */
  readonly unlabelled: readonly FeatureMatrix[];
  /** What loading and alignment did (dropped rows, label scale...). */
  readonly report: Record<string, unknown>;
}
