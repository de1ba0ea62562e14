import type { Corpus } from './corpus';
import type { FeatureSet } from './feature-set';
import type { Metric } from './metric';
import type { Regressor } from './regressor';
import type { TransferMethod } from './transfer-method';

/**
 * Any contribution, discriminated by `manifest.kind`: what `contribute` accepts. A transfer without `fit`,
 * a regressor whose manifest says `kind: 'transfer'`, or a metric without `higherIsBetter` does not
 * compile. (`never` options: a contribution with options of any type fits, since methods' parameters
 * are compared both ways.)
 */
export type AnyContribution = Corpus<never> | FeatureSet<never> | TransferMethod<never> | Regressor<never> | Metric;
