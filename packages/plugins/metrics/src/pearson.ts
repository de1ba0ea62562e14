import type { Metric } from '@emotrans/core';
import { moments } from './moments';

/** Pearson's correlation coefficient; NaN when either series is constant. */
export const pearson: Metric = {
  manifest: {
    id: 'pearson', kind: 'metric', description: "Pearson's correlation coefficient r", options: { type: 'object', properties: {}, additionalProperties: false },
    label: 'r',
    higherIsBetter: true,
    default: 2,
  },
  score(truth, prediction) {
    const m = moments(truth, prediction);
    return m.varX > 0 && m.varY > 0 ? m.cov / Math.sqrt(m.varX * m.varY) : NaN;
  },
};
