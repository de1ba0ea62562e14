import type { Metric } from '@emotrans/core';
import { moments } from './moments';

/**
 * Lin's concordance correlation coefficient with population moments (as audmetric):
 * 2 cov / (var_x + var_y + (mean_x - mean_y)^2).
 */
export const ccc: Metric = {
  manifest: {
    id: 'ccc', kind: 'metric', description: "Lin's concordance correlation coefficient", options: { type: 'object', properties: {}, additionalProperties: false },
    label: 'CCC',
    higherIsBetter: true,
    default: 3,
  },
  score(truth, prediction) {
    const m = moments(truth, prediction);
    const denominator = m.varX + m.varY + (m.meanX - m.meanY) ** 2;
    return denominator > 0 ? (2 * m.cov) / denominator : NaN;
  },
};
