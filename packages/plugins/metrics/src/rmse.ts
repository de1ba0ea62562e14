import type { Metric } from '@emotrans/core';

/** Root mean squared error. */
export const rmse: Metric = {
  manifest: {
    id: 'rmse', kind: 'metric', description: 'Root mean squared error', options: { type: 'object', properties: {}, additionalProperties: false },
    label: 'RMSE',
    higherIsBetter: false,
    default: 1,
  },
  score(truth, prediction) {
    if (truth.length !== prediction.length) throw new Error(`rmse: truth has ${truth.length} values, prediction ${prediction.length}`);
    let sum = 0;
    for (let i = 0; i < truth.length; i++) sum += (truth[i] - prediction[i]) ** 2;
    return truth.length ? Math.sqrt(sum / truth.length) : NaN;
  },
};
