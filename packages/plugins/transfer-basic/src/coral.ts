import { stackRows, withData, type FeatureMatrix, type TransferMethod } from '@emotrans/core';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface CoralOptions {
  /** Added to the diagonal of both covariance matrices before whitening and re-colouring. */
  lambda: number;
}

/** Sample covariance (float64, d x d) of the rows of several matrices with the same columns. */
export function covarianceOf(matrices: readonly FeatureMatrix[]): Matrix {
  const d = matrices[0].cols;
  const data = stackRows(matrices);
  const n = data.length / d;
  if (n < 2) throw new Error(`coral: a covariance needs at least 2 rows, got ${n}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const sums = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = data[i * d + j] - mean[j];
    for (let j = 0; j < d; j++) {
      const rj = row[j];
      if (rj === 0) continue;
      for (let k = j; k < d; k++) sums[j * d + k] += rj * row[k];
    }
  }
  const cov = new Matrix(d, d);
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      const v = sums[j * d + k] / (n - 1);
      cov.set(j, k, v);
      cov.set(k, j, v);
    }
  }
  return cov;
}

/** S^power for a symmetric positive definite S, through its eigendecomposition. */
function symmetricPower(s: Matrix, power: number): Matrix {
  const eig = new EigenvalueDecomposition(s, { assumeSymmetric: true });
  const vectors = eig.eigenvectorMatrix;
  const scaled = vectors.clone();
  eig.realEigenvalues.forEach((value, k) => {
    const factor = Math.max(value, 1e-12) ** power;
    for (let i = 0; i < scaled.rows; i++) scaled.set(i, k, scaled.get(i, k) * factor);
  });
  return scaled.mmul(vectors.transpose());
}

/**
 * CORrelation ALignment (Sun, Feng & Saenko 2016), closed form: source rows x become x A with
 * A = (Cs + lambda I)^(-1/2) (Ct + lambda I)^(1/2), Cs and Ct the sample covariances of the source training
 * features and the unlabelled target features. The source is whitened, then re-coloured with the target's
 * covariance (exactly so as lambda goes to 0); target features pass unchanged. As in the original, rows are
 * not centred: the runner has z-scored features with the source statistics, so the source mean is about 0.
 */
export const coral: TransferMethod<CoralOptions> = {
  manifest: {
    id: 'coral',
    kind: 'transfer',
    description: 'CORAL: whiten source features with their covariance and re-colour them with the target covariance',
    version: '1',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lambda: { type: 'number', minimum: 0, default: 1, description: 'regularisation added to both covariance diagonals' },
      },
    },
  },
  async fit({ source, target }, options) {
    if (source.length === 0 || target.length === 0) throw new Error('coral: needs source and target features');
    const d = source[0].cols;
    const regularise = (c: Matrix) => {
      for (let j = 0; j < d; j++) c.set(j, j, c.get(j, j) + options.lambda);
      return c;
    };
    const a = symmetricPower(regularise(covarianceOf(source)), -0.5).mmul(symmetricPower(regularise(covarianceOf(target)), 0.5));
    const weights = Float64Array.from(a.to1DArray());
    return {
      transform(features: FeatureMatrix, role: 'source' | 'target'): FeatureMatrix {
        if (role === 'target') return features;
        if (features.cols !== d) throw new Error(`coral: fitted on ${d} features, got ${features.cols}`);
        const out = new Float32Array(features.rows * d);
        const row = new Float64Array(d);
        for (let i = 0; i < features.rows; i++) {
          row.fill(0);
          for (let j = 0; j < d; j++) {
            const x = features.data[i * d + j];
            if (x === 0) continue;
            for (let k = 0; k < d; k++) row[k] += x * weights[j * d + k];
          }
          for (let k = 0; k < d; k++) out[i * d + k] = row[k];
        }
        return withData(features, out);
      },
    };
  },
};
