/**
 * The arithmetic of openSMILE's waveform period search (cPitchJitter): the correlation of a stretch with the
 * next, the parabolic peak refinement (smileMath_quadFrom3pts) and the peak-to-peak amplitude of a period.
 * Shared by the ComParE and eGeMAPS voice-quality analyses, and by eGeMAPS' harmonic peak refinement.
 */

/**
 * Vertex (x, y) of the parabola y = a x^2 + b x + c through three points, into out[0], out[1]; the highest
 * point when no parabola fits. The coefficients come from Cramer's rule on the 3 x 3 system with the
 * products expanded in the order openSMILE's smileMath_quadFrom3pts uses, and y = c - a x^2, so that the
 * result has the same rounding as there.
 */
export function parabolaVertex(x1: number, y1: number, x2: number, y2: number, x3: number, y3: number, out: Float64Array): void {
  const den = x1 * x1 * x2 + x2 * x2 * x3 + x3 * x3 * x1 - x3 * x3 * x2 - x2 * x2 * x1 - x1 * x1 * x3;
  if (den !== 0) {
    const a = (y1 * x2 + y2 * x3 + y3 * x1 - y3 * x2 - y2 * x1 - y1 * x3) / den;
    const b = (x1 * x1 * y2 + x2 * x2 * y3 + x3 * x3 * y1 - x3 * x3 * y2 - x2 * x2 * y1 - x1 * x1 * y3) / den;
    const c = (x1 * x1 * x2 * y3 + x2 * x2 * x3 * y1 + x3 * x3 * x1 * y2 - x3 * x3 * x2 * y1 - x2 * x2 * x1 * y3 - x1 * x1 * x3 * y2) / den;
    if (a !== 0) {
      const x = -b / (2 * a);
      out[0] = x;
      out[1] = c - a * x * x;
      return;
    }
  }
  if (y1 > y2 && y1 > y3) {
    out[0] = x1;
    out[1] = y1;
  } else if (y3 > y1 && y3 > y2) {
    out[0] = x3;
    out[1] = y3;
  } else {
    out[0] = x2;
    out[1] = y2;
  }
}

/** Pearson correlation of x[a, a+length) with x[b, b+length) (NaN for a constant stretch, as 0 / 0). */
export function correlation(x: Float64Array, a: number, b: number, length: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < length; i++) {
    mx += x[a + i];
    my += x[b + i];
  }
  mx /= length;
  my /= length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < length; i++) {
    const dx = x[a + i] - mx;
    const dy = x[b + i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
}

/**
 * The correlations of x[start, start+L) with x[start+L, start+2L) for every L in [minLag, maxLag], into
 * out[L - minLag]: for each L exactly `correlation(x, start, start + L, L)` (every sum runs in the same order, so
 * the results are bit-identical), about twice as fast. Two lags are computed side by side, sharing the loads of
 * x[start + i] and running six independent sums (one lag alone waits on the latency of its three additions),
 * and the sums of x[start, start+L) are the running prefix sums, which are the same numbers as summing anew.
 */
export function correlationScores(x: Float64Array, start: number, minLag: number, maxLag: number, out: Float64Array): void {
  let prefix = 0; // x[start] + ... + x[start + L - 1], summed in order
  for (let i = 0; i < minLag; i++) prefix += x[start + i];
  let L = minLag;
  for (; L < maxLag; L += 2) {
    // lane a: lag L; lane b: lag L + 1 (one more term in each sum)
    const sumXa = prefix;
    const sumXb = sumXa + x[start + L];
    prefix = sumXb + x[start + L + 1];
    const ya = start + L;
    const yb = ya + 1;
    let sumYa = 0;
    let sumYb = 0;
    for (let i = 0; i < L; i++) {
      sumYa += x[ya + i];
      sumYb += x[yb + i];
    }
    sumYb += x[yb + L];
    const mxa = sumXa / L;
    const mya = sumYa / L;
    const mxb = sumXb / (L + 1);
    const myb = sumYb / (L + 1);
    let xya = 0;
    let xxa = 0;
    let yya = 0;
    let xyb = 0;
    let xxb = 0;
    let yyb = 0;
    for (let i = 0; i < L; i++) {
      const xi = x[start + i];
      const dxa = xi - mxa;
      const dya = x[ya + i] - mya;
      const dxb = xi - mxb;
      const dyb = x[yb + i] - myb;
      xya += dxa * dya;
      xxa += dxa * dxa;
      yya += dya * dya;
      xyb += dxb * dyb;
      xxb += dxb * dxb;
      yyb += dyb * dyb;
    }
    const dxb = x[start + L] - mxb;
    const dyb = x[yb + L] - myb;
    xyb += dxb * dyb;
    xxb += dxb * dxb;
    yyb += dyb * dyb;
    out[L - minLag] = xya / (Math.sqrt(xxa) * Math.sqrt(yya));
    out[L + 1 - minLag] = xyb / (Math.sqrt(xxb) * Math.sqrt(yyb));
  }
  if (L === maxLag) out[L - minLag] = correlation(x, start, start + L, L);
}

/** max - min of x[start+1, start+length-1): the period's first and last sample are left out. */
export function peakToPeakInner(x: Float64Array, start: number, length: number): number {
  let max = x[start + 1];
  let min = x[start + 1];
  for (let i = start + 1; i < start + length - 1; i++) {
    const v = x[i];
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return max - min;
}
