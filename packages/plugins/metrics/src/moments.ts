/** Population means, variances and covariance of two equally long series (one pass, in float64). */
export interface Moments {
  readonly n: number;
  readonly meanX: number;
  readonly meanY: number;
  readonly varX: number;
  readonly varY: number;
  readonly cov: number;
}

export function moments(x: ArrayLike<number>, y: ArrayLike<number>): Moments {
  if (x.length !== y.length) throw new Error(`metric: truth has ${x.length} values, prediction ${y.length}`);
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i];
    meanY += y[i];
  }
  meanX /= n;
  meanY /= n;
  let varX = 0;
  let varY = 0;
  let cov = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    varX += dx * dx;
    varY += dy * dy;
    cov += dx * dy;
  }
  return { n, meanX, meanY, varX: varX / n, varY: varY / n, cov: cov / n };
}
