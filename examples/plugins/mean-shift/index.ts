/**
 * An example transfer method living outside the core and the workspace plugins (see docs/plugins.md).
 *
 * mean-shift: moves the target domain's features so that each column has the source's mean (and, with
 * `matchSpread`, the source's standard deviation), estimated on the source training features and the target
 * domain's unlabelled features. Source features pass unchanged. The cheapest first-moment cousin of CORAL.
 */
import { contribute, stackRows, withData, type FeatureMatrix, type TransferMethod } from '@emotrans/api';

export interface MeanShiftOptions {
  /** Also rescale each target column to the source column's standard deviation. */
  matchSpread: boolean;
}

/** Per-column mean and standard deviation of the rows of several matrices. */
function columnMoments(matrices: readonly FeatureMatrix[]): { mean: Float64Array; std: Float64Array } {
  const d = matrices[0].cols;
  const data = stackRows(matrices);
  const n = data.length / d;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) std[j] += (data[i * d + j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j] / n);
  return { mean, std };
}

export const meanShift: TransferMethod<MeanShiftOptions> = {
  manifest: {
    id: 'mean-shift',
    kind: 'transfer',
    description: "Shifts target features to the source's column means (optionally matching spreads too)",
    version: '1',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        matchSpread: { type: 'boolean', default: false, description: "also scale target columns to the source's standard deviations" },
      },
    },
  },
  async fit({ source, target }, options) {
    if (source.length === 0 || target.length === 0) throw new Error('mean-shift: needs source and unlabelled target features');
    const from = columnMoments(target);
    const to = columnMoments(source);
    const d = to.mean.length;
    // x' = (x - target mean) * scale + source mean, column by column.
    const scale = Float64Array.from({ length: d }, (_, j) => (options.matchSpread && from.std[j] > 0 ? to.std[j] / from.std[j] : 1));
    return {
      transform(features, role) {
        if (role === 'source') return features;
        if (features.cols !== d) throw new Error(`mean-shift: fitted on ${d} features, got ${features.cols}`);
        const out = new Float32Array(features.data.length);
        for (let i = 0; i < features.rows; i++) {
          for (let j = 0; j < d; j++) out[i * d + j] = (features.data[i * d + j] - from.mean[j]) * scale[j] + to.mean[j];
        }
        return withData(features, out);
      },
    };
  },
};

export const containerModule = contribute(meanShift);
