import type { ContributionKind } from '../extension-points/contribution';
import { CorpusContribution } from '../extension-points/corpus';
import { FeatureSetContribution } from '../extension-points/feature-set';
import { MetricContribution } from '../extension-points/metric';
import { RegressorContribution } from '../extension-points/regressor';
import { TransferMethodContribution } from '../extension-points/transfer-method';

/** The service identifier plugins bind to, for each contribution kind. */
export const SERVICE_ID: Readonly<Record<ContributionKind, symbol>> = {
  corpus: CorpusContribution,
  features: FeatureSetContribution,
  transfer: TransferMethodContribution,
  regressor: RegressorContribution,
  metric: MetricContribution,
};
