/**
 * All complex roots of the monic-or-not polynomial c[0] + c[1] z + ... + c[n] z^n (c[n] != 0), by the
 * Aberth-Ehrlich simultaneous iteration in double precision (cubic convergence; degree 11 LPC polynomials
 * converge in a few dozen steps). Roots go to re/im (n values each); the order is not meaningful.
 */
export function polynomialRoots(c: Float64Array, re: Float64Array, im: Float64Array): void {
  const n = c.length - 1;
  if (n < 1) return;
  const lead = c[n];
  if (lead === 0) throw new Error('polynomialRoots: leading coefficient is 0');
  // Starting points on a circle of the Cauchy-bound radius, rotated off the real axis.
  let bound = 0;
  for (let k = 0; k < n; k++) bound = Math.max(bound, Math.abs(c[k] / lead));
  const radius = Math.min(1 + bound, 2);
  for (let k = 0; k < n; k++) {
    const angle = (2 * Math.PI * k) / n + 0.4;
    re[k] = radius * Math.cos(angle);
    im[k] = radius * Math.sin(angle);
  }
  // converges cubically: 1e-12 relative steps in well under 100 iterations; double rounding keeps the last
  // steps from shrinking further, so stop there rather than at a tolerance rounding never reaches
  for (let iteration = 0; iteration < 100; iteration++) {
    let largestStep = 0;
    for (let k = 0; k < n; k++) {
      // p(z) and p'(z) by Horner
      const zr = re[k];
      const zi = im[k];
      let pr = c[n];
      let pi = 0;
      let dr = 0;
      let di = 0;
      for (let j = n - 1; j >= 0; j--) {
        const ndr = dr * zr - di * zi + pr;
        const ndi = dr * zi + di * zr + pi;
        dr = ndr;
        di = ndi;
        const npr = pr * zr - pi * zi + c[j];
        const npi = pr * zi + pi * zr;
        pr = npr;
        pi = npi;
      }
      if (pr === 0 && pi === 0) continue;
      // ratio = p / p'
      const dd = dr * dr + di * di;
      const rr = dd > 0 ? (pr * dr + pi * di) / dd : pr;
      const ri = dd > 0 ? (pi * dr - pr * di) / dd : pi;
      // sum of 1 / (z_k - z_j)
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const ar = zr - re[j];
        const ai = zi - im[j];
        const aa = ar * ar + ai * ai;
        if (aa === 0) continue;
        sr += ar / aa;
        si -= ai / aa;
      }
      // step = ratio / (1 - ratio * sum)
      const denR = 1 - (rr * sr - ri * si);
      const denI = -(rr * si + ri * sr);
      const den = denR * denR + denI * denI;
      const stepR = den > 0 ? (rr * denR + ri * denI) / den : rr;
      const stepI = den > 0 ? (ri * denR - rr * denI) / den : ri;
      re[k] = zr - stepR;
      im[k] = zi - stepI;
      // squared relative step (Math.hypot is slow and the comparison needs no square root)
      const step2 = (stepR * stepR + stepI * stepI) / Math.max(1, zr * zr + zi * zi);
      if (step2 > largestStep) largestStep = step2;
    }
    if (largestStep < 1e-24) break;
  }
}
