import { withData, type FeatureMatrix } from '../data/feature-matrix';

/** Per-feature z-scoring with statistics fitted on training data only. */
export class Standardiser {
  private constructor(readonly mean: Float64Array, readonly scale: Float64Array) {}

  static fit(matrices: readonly FeatureMatrix[]): Standardiser {
    const cols = matrices[0]?.cols ?? 0;
    const sum = new Float64Array(cols);
    const squares = new Float64Array(cols);
    let count = 0;
    for (const m of matrices) {
      for (let i = 0; i < m.rows; i++) {
        const base = i * cols;
        for (let j = 0; j < cols; j++) {
          const v = m.data[base + j];
          sum[j] += v;
          squares[j] += v * v;
        }
      }
      count += m.rows;
    }
    const mean = new Float64Array(cols);
    const scale = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      mean[j] = count ? sum[j] / count : 0;
      const variance = count ? squares[j] / count - mean[j] * mean[j] : 0;
      // A constant feature keeps scale 1 so it maps to 0 instead of dividing by zero.
      scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
    }
    return new Standardiser(mean, scale);
  }

  /** The identity (for `normalise: none`). */
  static identity(cols: number): Standardiser {
    return new Standardiser(new Float64Array(cols), new Float64Array(cols).fill(1));
  }

  apply(m: FeatureMatrix): FeatureMatrix {
    const cols = m.cols;
    const out = new Float32Array(m.data.length);
    for (let i = 0; i < m.rows; i++) {
      const base = i * cols;
      for (let j = 0; j < cols; j++) out[base + j] = (m.data[base + j] - this.mean[j]) / this.scale[j];
    }
    return withData(m, out);
  }
}
