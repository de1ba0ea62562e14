/**
 * Arithmetic mean and openSMILE's `stddevNorm` (stddevNorm = 2, the "compatible" mode eGeMAPS uses): the
 * population standard deviation divided by the signed mean (by 1 when the mean is 0; 0 when the variance
 * is 0). Empty input gives 0 for both. The mean is held in single precision before the deviations are summed,
 * as cFunctionals passes it on.
 */
export function meanAndStddevNorm(values: ArrayLike<number>, length = values.length): { mean: number; stddevNorm: number } {
  if (length === 0) return { mean: 0, stddevNorm: 0 };
  let sum = 0;
  for (let i = 0; i < length; i++) sum += values[i];
  const mean = Math.fround(sum / length);
  let m2 = 0;
  for (let i = 0; i < length; i++) {
    const d = values[i] - mean;
    m2 += d * d;
  }
  m2 /= length;
  if (!(m2 > 0)) return { mean, stddevNorm: 0 };
  return { mean, stddevNorm: Math.sqrt(m2) / (mean === 0 ? 1 : mean) };
}
