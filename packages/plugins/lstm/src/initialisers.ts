import type { Random } from '@emotrans/core';

/** Glorot (Xavier) uniform: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)); row-major rows x cols. */
export function glorotUniform(rows: number, cols: number, random: Random): Float32Array {
  const limit = Math.sqrt(6 / (rows + cols));
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = (2 * random.next() - 1) * limit;
  return out;
}

/**
 * A rows x cols matrix with orthonormal rows (rows <= cols) or columns (rows > cols), from Gram-Schmidt on
 * Gaussian vectors: the usual initialiser of recurrent weights, which keeps early gradients from exploding
 * or vanishing through time.
 */
export function orthogonal(rows: number, cols: number, random: Random): Float32Array {
  const count = Math.min(rows, cols);
  const length = Math.max(rows, cols);
  const vectors = Array.from({ length: count }, () => Float64Array.from({ length }, () => random.normal()));
  for (let k = 0; k < count; k++) {
    const v = vectors[k];
    // Twice for numerical orthogonality (classical Gram-Schmidt, re-orthogonalised).
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < k; j++) {
        const u = vectors[j];
        let dot = 0;
        for (let i = 0; i < length; i++) dot += v[i] * u[i];
        for (let i = 0; i < length; i++) v[i] -= dot * u[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < length; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < length; i++) v[i] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < length; i++) {
      if (rows <= cols) out[k * cols + i] = vectors[k][i];
      else out[i * cols + k] = vectors[k][i];
    }
  }
  return out;
}
