/** A reference to a contribution with its options (defaults filled in by validation). */
export interface ContributionRef {
  id: string;
  options: Record<string, unknown>;
}

/**
 * A transfer entry of a spec. The same method may appear more than once (different options), each with
 * its own `label`; condition names come from labels and must be distinct.
 */
export interface TransferRef extends ContributionRef {
  /** Names the entry's condition `cross+<label>` (default: `cross+<id>`, or `cross` for direct transfer). */
  label?: string;
  /** Filled by validation: the condition this entry's units are reported under. */
  condition?: string;
  /** Filled by validation: true when the method's manifest declares `identity` (direct transfer, no fit). */
  direct?: boolean;
}

export type Condition = 'intra' | 'cross';

export interface CrossValidationSpec {
  /** `loso`: leave one sequence group out (the paper's); `kfold`: k grouped folds. */
  scheme: 'loso' | 'kfold';
  /** Folds for `kfold`. */
  folds: number;
  /** Fraction of the training groups held out (inner split) for early stopping and model selection. */
  validationFraction: number;
}

export interface ProtocolSpec {
  /** Domains evaluated as targets (default: every corpus domain). */
  targets: string[];
  conditions: Condition[];
  cv: CrossValidationSpec;
  repetitions: number;
  /** Also report the mean of the best k repetitions (the paper: best 5 of 10); 0 = off. */
  bestOf: number;
  /** Annotation delay compensation: features at t are paired with labels at t + delay (seconds). */
  annotationDelay: number;
  /** `train`: z-score with statistics of the training data only; `none`: leave features as they are. */
  normalise: 'train' | 'none';
}

/** An experiment as a JSON file states it, after validation and defaults. */
export interface ExperimentSpec {
  name: string;
  seed: number;
  /** Labelled (and unlabelled) corpus per domain, keyed by domain name. */
  corpora: Record<string, ContributionRef>;
  /**
   * Extra corpora whose audio joins a domain's unlabelled pool (labels ignored), keyed by domain: the paper's
   * SEMAINE (speech) and MediaEval 2014 (music) sets for fitting the denoising autoencoders.
   */
  unlabelled?: Record<string, ContributionRef>;
  features: ContributionRef;
  /**
   * Transfer methods for the cross-domain conditions; a method whose manifest declares `identity` is
   * direct transfer. Default: the installed methods whose manifest says `default`.
   */
  transfer: TransferRef[];
  regressor: ContributionRef;
  metrics: string[];
  protocol: ProtocolSpec;
  /** Extra plugins: paths (relative to the spec file) or npm package names. */
  plugins: string[];
  /** Folder that receives `<run-id>/` (relative to the working directory). */
  output: string;
  /** Feature and corpus cache folder (default: ~/.cache/emotrans or $EMOTRANS_CACHE). */
  cacheDir?: string;
}
