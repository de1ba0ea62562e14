/**
 * The forward real FFT exactly as SMILExtract 3.0 computes it for cTransformFFT: Ooura's split-radix transform
 * (the fftsg variant openSMILE compiles, FLOAT_TYPE_FFT = float) evaluated in IEEE single precision with the
 * same decomposition, twiddle tables and order of every addition and multiplication, so that the output is
 * bit-identical. Why: eGeMAPS' formants come from an ill-conditioned order-11 polynomial whose roots jump
 * when the spectrum changes in its last bit (VALIDATION.md); a double-precision FFT rounded to float is 1 ulp
 * off on most bins and moves a formant by kHz on a few frames per file.
 *
 * The transform is expressed with a few butterfly shapes (radix-4 kinds A and B, radix-2 and "p +/- i q"),
 * each evaluated with one rounding per operation (Math.fround: a double result of a float operation rounds to
 * the same float). Output layout (Ooura): a[0] = X_0, a[1] = X_{n/2}, a[2k] = Re X_k, a[2k+1] = -Im X_k for
 * X_k = sum_j x_j e^{-2 pi i jk/n}. Sizes: powers of two from 64 (20 ms frames from 3.2 kHz up).
 */
const f = Math.fround;

/** Twiddle applications of the butterflies (complex x times w, with the pi/4 shortcuts the kernels use). */
const enum Twiddle {
  /** x unchanged. */
  One,
  /** (wr xr - wi xi, wr xi + wi xr). */
  Mul,
  /** wn (xr - xi), wn (xi + xr), wn = cos(pi / 4). */
  Quarter,
  /** wn (xr + xi), wn (xi - xr). */
  QuarterConj,
  /** -wn (xr + xi), -wn (xi - xr). */
  QuarterConjNeg,
}

// result of twiddle(): module scratch avoids allocating a pair per butterfly
let outR = 0;
let outI = 0;
function twiddle(kind: Twiddle, wr: number, wi: number, xr: number, xi: number): void {
  switch (kind) {
    case Twiddle.One:
      outR = xr;
      outI = xi;
      return;
    case Twiddle.Mul:
      outR = f(f(wr * xr) - f(wi * xi));
      outI = f(f(wr * xi) + f(wi * xr));
      return;
    case Twiddle.Quarter:
      outR = f(wr * f(xr - xi));
      outI = f(wr * f(xi + xr));
      return;
    case Twiddle.QuarterConj:
      outR = f(wr * f(xr + xi));
      outI = f(wr * f(xi - xr));
      return;
    case Twiddle.QuarterConjNeg:
      outR = f(-wr * f(xr + xi));
      outI = f(-wr * f(xi - xr));
      return;
  }
}

/**
 * Radix-4 butterfly, kind A (decimation in frequency): with x0 = p0 + p2, x1 = p0 - p2, x2 = p1 + p3,
 * x3 = p1 - p3: out0 = x0 + x2, out1 = x0 - x2, out2 = T2(x1 + i x3), out3 = T3(x1 - i x3).
 * The s and d arguments are float offsets of the complex inputs/outputs; neg2/neg3 read p2/p3 negated (exact).
 */
function butterflyA(
  src: Float32Array, s0: number, s1: number, s2: number, s3: number,
  dst: Float32Array, d0: number, d1: number, d2: number, d3: number,
  t2: Twiddle, w2r: number, w2i: number, t3: Twiddle, w3r: number, w3i: number,
  neg2 = false, neg3 = false,
): void {
  const p2r = neg2 ? -src[s2] : src[s2];
  const p2i = neg2 ? -src[s2 + 1] : src[s2 + 1];
  const p3r = neg3 ? -src[s3] : src[s3];
  const p3i = neg3 ? -src[s3 + 1] : src[s3 + 1];
  const x0r = f(src[s0] + p2r);
  const x0i = f(src[s0 + 1] + p2i);
  const x1r = f(src[s0] - p2r);
  const x1i = f(src[s0 + 1] - p2i);
  const x2r = f(src[s1] + p3r);
  const x2i = f(src[s1 + 1] + p3i);
  const x3r = f(src[s1] - p3r);
  const x3i = f(src[s1 + 1] - p3i);
  dst[d0] = x0r + x2r;
  dst[d0 + 1] = x0i + x2i;
  dst[d1] = x0r - x2r;
  dst[d1 + 1] = x0i - x2i;
  twiddle(t2, w2r, w2i, f(x1r - x3i), f(x1i + x3r));
  dst[d2] = outR;
  dst[d2 + 1] = outI;
  twiddle(t3, w3r, w3i, f(x1r + x3i), f(x1i - x3r));
  dst[d3] = outR;
  dst[d3 + 1] = outI;
}

/**
 * Radix-4 butterfly, kind B (the second split-radix branch): with x0 = p0 + i p2, x1 = p0 - i p2,
 * x2 = p1 + i p3, x3 = p1 - i p3: out0/out1 = T0(x0) +/- T2(x2), out2/out3 = T1(x1) +/- T3(x3) (Mul twiddles).
 */
function butterflyB(
  src: Float32Array, s0: number, s1: number, s2: number, s3: number,
  dst: Float32Array, d0: number, d1: number, d2: number, d3: number,
  w0r: number, w0i: number, w2r: number, w2i: number, w1r: number, w1i: number, w3r: number, w3i: number,
): void {
  const x0r = f(src[s0] - src[s2 + 1]);
  const x0i = f(src[s0 + 1] + src[s2]);
  const x1r = f(src[s0] + src[s2 + 1]);
  const x1i = f(src[s0 + 1] - src[s2]);
  const x2r = f(src[s1] - src[s3 + 1]);
  const x2i = f(src[s1 + 1] + src[s3]);
  const x3r = f(src[s1] + src[s3 + 1]);
  const x3i = f(src[s1 + 1] - src[s3]);
  twiddle(Twiddle.Mul, w0r, w0i, x0r, x0i);
  let yr = outR;
  let yi = outI;
  twiddle(Twiddle.Mul, w2r, w2i, x2r, x2i);
  dst[d0] = yr + outR;
  dst[d0 + 1] = yi + outI;
  dst[d1] = yr - outR;
  dst[d1 + 1] = yi - outI;
  twiddle(Twiddle.Mul, w1r, w1i, x1r, x1i);
  yr = outR;
  yi = outI;
  twiddle(Twiddle.Mul, w3r, w3i, x3r, x3i);
  dst[d2] = yr + outR;
  dst[d2 + 1] = yi + outI;
  dst[d3] = yr - outR;
  dst[d3 + 1] = yi - outI;
}

/**
 * Kind B's first column (no table twiddles): out0/out1 = x0 +/- Q(x2), out2/out3 = x1 +/- i Q(x3), Q the
 * pi/4 rotation; neg3 reads p3 negated.
 */
function butterflyB0(
  src: Float32Array, s0: number, s1: number, s2: number, s3: number,
  dst: Float32Array, d0: number, d1: number, d2: number, d3: number,
  wn: number, neg3 = false,
): void {
  const p3r = neg3 ? -src[s3] : src[s3];
  const p3i = neg3 ? -src[s3 + 1] : src[s3 + 1];
  const x0r = f(src[s0] - src[s2 + 1]);
  const x0i = f(src[s0 + 1] + src[s2]);
  const x1r = f(src[s0] + src[s2 + 1]);
  const x1i = f(src[s0 + 1] - src[s2]);
  const x3r = f(src[s1] + p3i);
  const x3i = f(src[s1 + 1] - p3r);
  twiddle(Twiddle.Quarter, wn, 0, f(src[s1] - p3i), f(src[s1 + 1] + p3r));
  dst[d0] = x0r + outR;
  dst[d0 + 1] = x0i + outI;
  dst[d1] = x0r - outR;
  dst[d1 + 1] = x0i - outI;
  twiddle(Twiddle.Quarter, wn, 0, x3r, x3i);
  dst[d2] = x1r - outI;
  dst[d2 + 1] = x1i + outR;
  dst[d3] = x1r + outI;
  dst[d3 + 1] = x1i - outR;
}

/** out0/out1 = p +/- q. */
function radix2(src: Float32Array, s0: number, s1: number, dst: Float32Array, d0: number, d1: number): void {
  const pr = src[s0];
  const pi = src[s0 + 1];
  const qr = src[s1];
  const qi = src[s1 + 1];
  dst[d0] = pr + qr;
  dst[d0 + 1] = pi + qi;
  dst[d1] = pr - qr;
  dst[d1 + 1] = pi - qi;
}

/** out0/out1 = T0(p + i q) / T1(p - i q). */
function radix2i(
  src: Float32Array, s0: number, s1: number, dst: Float32Array, d0: number, d1: number,
  t0: Twiddle = Twiddle.One, w0r = 0, w0i = 0, t1: Twiddle = Twiddle.One, w1r = 0, w1i = 0,
): void {
  const pr = src[s0];
  const pi = src[s0 + 1];
  const qr = src[s1];
  const qi = src[s1 + 1];
  twiddle(t0, w0r, w0i, f(pr - qi), f(pi + qr));
  const ar = outR;
  const ai = outI;
  twiddle(t1, w1r, w1i, f(pr + qi), f(pi - qr));
  dst[d0] = ar;
  dst[d0 + 1] = ai;
  dst[d1] = outR;
  dst[d1 + 1] = outI;
}

/** The real forward transform of one size, with its tables (Ooura's makewt / makect in single precision). */
export class SinglePrecisionRealFft {
  /** Complex twiddles (nw = n/4 floats) then the real-transform cosines (nc = n/4 floats). */
  private readonly w: Float32Array;
  private readonly nw: number;
  private readonly nc: number;
  private readonly scratch = new Float32Array(32);
  private readonly scratch2 = new Float32Array(8);
  private readonly reversed: Int32Array;

  constructor(readonly size: number) {
    if (size < 64 || (size & (size - 1)) !== 0) throw new Error(`SinglePrecisionRealFft: size ${size} must be a power of two >= 64`);
    this.nw = size >> 2;
    this.nc = size >> 2;
    this.w = new Float32Array(this.nw + this.nc);
    this.makeTwiddles();
    this.makeCosines();
    const half = size >> 1;
    const bits = Math.log2(half);
    this.reversed = new Int32Array(half);
    for (let k = 0; k < half; k++) {
      let r = 0;
      for (let b = 0; b < bits; b++) if (k & (1 << b)) r |= 1 << (bits - 1 - b);
      this.reversed[k] = r;
    }
  }

  /** Half-angle twiddle tables, one per stage size, as makewt builds them (angles from a float delta). */
  private makeTwiddles(): void {
    const w = this.w;
    const nw = this.nw;
    let nwh = nw >> 1;
    const delta = f(f(Math.atan(1)) / nwh);
    const wn4r = f(Math.cos(f(delta * nwh)));
    w[0] = 1;
    w[1] = wn4r;
    w[2] = 0.5 / Math.cos(f(delta * 2));
    w[3] = 0.5 / Math.cos(f(delta * 6));
    const delta3 = f(3 * delta);
    for (let j = 4; j < nwh; j += 4) {
      w[j] = Math.cos(f(delta * j));
      w[j + 1] = Math.sin(f(delta * j));
      w[j + 2] = Math.cos(f(delta3 * j));
      w[j + 3] = -Math.sin(f(delta3 * j));
    }
    // each smaller stage takes every other entry of the previous one
    let nw0 = 0;
    while (nwh > 2) {
      const nw1 = nw0 + nwh;
      nwh >>= 1;
      w[nw1] = 1;
      w[nw1 + 1] = wn4r;
      if (nwh === 4) {
        w[nw1 + 2] = w[nw0 + 4];
        w[nw1 + 3] = w[nw0 + 5];
      } else if (nwh > 4) {
        w[nw1 + 2] = 0.5 / w[nw0 + 4];
        w[nw1 + 3] = 0.5 / w[nw0 + 6];
        for (let j = 4; j < nwh; j += 4) for (let q = 0; q < 4; q++) w[nw1 + j + q] = w[nw0 + 2 * j + q];
      }
      nw0 = nw1;
    }
  }

  /** Cosines of the real-to-complex split (makect). */
  private makeCosines(): void {
    const c = this.nw;
    const nc = this.nc;
    const w = this.w;
    const nch = nc >> 1;
    const delta = f(f(Math.atan(1)) / nch);
    w[c] = Math.cos(f(delta * nch));
    w[c + nch] = 0.5 * w[c];
    for (let j = 1; j < nch; j++) {
      w[c + j] = 0.5 * Math.cos(f(delta * j));
      w[c + nc - j] = 0.5 * Math.sin(f(delta * j));
    }
  }

  /** In place: `a` (size floats, the real signal) becomes its spectrum in Ooura's layout (class comment). */
  transform(a: Float32Array): void {
    this.complexForward(a);
    this.realSplit(a);
    const xi = a[0] - a[1];
    a[0] += a[1];
    a[1] = xi;
  }

  private complexForward(a: Float32Array): void {
    const n = this.size;
    this.firstStage(a);
    if (n > 512) this.recursiveStages(a);
    else if (n > 128) this.leaf(n, true, a, 0);
    else this.smallLeaves(n, a);
    // bit-reversed order to natural order (a permutation: no rounding)
    const half = n >> 1;
    for (let k = 0; k < half; k++) {
      const r = this.reversed[k];
      if (r <= k) continue;
      const tr = a[2 * k];
      const ti = a[2 * k + 1];
      a[2 * k] = a[2 * r];
      a[2 * k + 1] = a[2 * r + 1];
      a[2 * r] = tr;
      a[2 * r + 1] = ti;
    }
  }

  /** The first radix-4 stage over the whole array, twiddles interpolated at half steps (cftf1st). */
  private firstStage(a: Float32Array): void {
    const n = this.size;
    const w = this.w;
    const mh = n >> 3;
    const m = 2 * mh;
    const A = (j: number, t2: Twiddle, w2r: number, w2i: number, t3: Twiddle, w3r: number, w3i: number) =>
      butterflyA(a, j, j + m, j + 2 * m, j + 3 * m, a, j, j + m, j + 2 * m, j + 3 * m, t2, w2r, w2i, t3, w3r, w3i);
    A(0, Twiddle.One, 0, 0, Twiddle.One, 0, 0);
    const wn4r = w[1];
    const csc1 = w[2];
    const csc3 = w[3];
    let wd1r = 1;
    let wd1i = 0;
    let wd3r = 1;
    let wd3i = 0;
    let k = 0;
    for (let j = 2; j < mh - 2; j += 4) {
      k += 4;
      const wk1r = f(csc1 * f(wd1r + w[k]));
      const wk1i = f(csc1 * f(wd1i + w[k + 1]));
      const wk3r = f(csc3 * f(wd3r + w[k + 2]));
      const wk3i = f(csc3 * f(wd3i + w[k + 3]));
      wd1r = w[k];
      wd1i = w[k + 1];
      wd3r = w[k + 2];
      wd3i = w[k + 3];
      // the third output is rotated by the conjugate twiddle: Mul with (r, -i)
      A(j, Twiddle.Mul, wk1r, wk1i, Twiddle.Mul, wk3r, -wk3i);
      A(j + 2, Twiddle.Mul, wd1r, wd1i, Twiddle.Mul, wd3r, -wd3i);
      const j0 = m - j;
      A(j0, Twiddle.Mul, wk1i, wk1r, Twiddle.Mul, wk3i, -wk3r);
      A(j0 - 2, Twiddle.Mul, wd1i, wd1r, Twiddle.Mul, wd3i, -wd3r);
    }
    const wk1r = f(csc1 * f(wd1r + wn4r));
    const wk1i = f(csc1 * f(wd1i + wn4r));
    const wk3r = f(csc3 * f(wd3r - wn4r));
    const wk3i = f(csc3 * f(wd3i - wn4r));
    A(mh - 2, Twiddle.Mul, wk1r, wk1i, Twiddle.Mul, wk3r, -wk3i);
    A(mh, Twiddle.Quarter, wn4r, 0, Twiddle.QuarterConjNeg, wn4r, 0);
    A(mh + 2, Twiddle.Mul, wk1i, wk1r, Twiddle.Mul, wk3i, -wk3r);
  }

  /** Radix-4 stage, kind A, of a block of n floats at `o` (cftmdl1); twiddles at w[wo..]. */
  private stageA(n: number, a: Float32Array, o: number, wo: number): void {
    const w = this.w;
    const mh = n >> 3;
    const m = 2 * mh;
    const A = (j: number, t2: Twiddle, w2r: number, w2i: number, t3: Twiddle, w3r: number, w3i: number) =>
      butterflyA(a, o + j, o + j + m, o + j + 2 * m, o + j + 3 * m, a, o + j, o + j + m, o + j + 2 * m, o + j + 3 * m, t2, w2r, w2i, t3, w3r, w3i);
    A(0, Twiddle.One, 0, 0, Twiddle.One, 0, 0);
    let k = 0;
    for (let j = 2; j < mh; j += 2) {
      k += 4;
      const wk1r = w[wo + k];
      const wk1i = w[wo + k + 1];
      const wk3r = w[wo + k + 2];
      const wk3i = w[wo + k + 3];
      A(j, Twiddle.Mul, wk1r, wk1i, Twiddle.Mul, wk3r, -wk3i);
      A(m - j, Twiddle.Mul, wk1i, wk1r, Twiddle.Mul, wk3i, -wk3r);
    }
    A(mh, Twiddle.Quarter, w[wo + 1], 0, Twiddle.QuarterConjNeg, w[wo + 1], 0);
  }

  /** Radix-4 stage, kind B, of a block of n floats at `o` (cftmdl2); twiddles at w[wo..]. */
  private stageB(n: number, a: Float32Array, o: number, wo: number): void {
    const w = this.w;
    const mh = n >> 3;
    const m = 2 * mh;
    const B = (j: number, w0r: number, w0i: number, w2r: number, w2i: number, w1r: number, w1i: number, w3r: number, w3i: number) => {
      const p = o + j;
      butterflyB(a, p, p + m, p + 2 * m, p + 3 * m, a, p, p + m, p + 2 * m, p + 3 * m, w0r, w0i, w2r, w2i, w1r, w1i, w3r, w3i);
    };
    butterflyB0(a, o, o + m, o + 2 * m, o + 3 * m, a, o, o + m, o + 2 * m, o + 3 * m, w[wo + 1]);
    let k = 0;
    let kr = 2 * m;
    for (let j = 2; j < mh; j += 2) {
      k += 4;
      const wk1r = w[wo + k];
      const wk1i = w[wo + k + 1];
      const wk3r = w[wo + k + 2];
      const wk3i = w[wo + k + 3];
      kr -= 4;
      const wd1i = w[wo + kr];
      const wd1r = w[wo + kr + 1];
      const wd3i = w[wo + kr + 2];
      const wd3r = w[wo + kr + 3];
      B(j, wk1r, wk1i, wd1r, wd1i, wk3r, -wk3i, wd3r, -wd3i);
      B(m - j, wd1i, wd1r, wk1i, wk1r, wd3i, -wd3r, wk3i, -wk3r);
    }
    const wk1r = w[wo + m];
    const wk1i = w[wo + m + 1];
    // the last column subtracts where the others add: its fourth twiddle is negated (exact)
    B(mh, wk1r, wk1i, wk1i, wk1r, wk1i, wk1r, -wk1r, -wk1i);
  }

  /** 16-point transform, kind A (cftf161); twiddles at w[wo..]. */
  private leaf16A(a: Float32Array, o: number, wo: number): void {
    const w = this.w;
    const y = this.scratch;
    const wn4r = w[wo + 1];
    const wk1r = w[wo + 2];
    const wk1i = w[wo + 3];
    const col = (g: number, t2: Twiddle, w2r: number, w2i: number, t3: Twiddle, w3r: number, w3i: number, yk: number) =>
      butterflyA(a, o + g, o + g + 8, o + g + 16, o + g + 24, y, 2 * yk, 2 * (yk + 4), 2 * (yk + 8), 2 * (yk + 12), t2, w2r, w2i, t3, w3r, w3i);
    col(0, Twiddle.One, 0, 0, Twiddle.One, 0, 0, 0);
    col(2, Twiddle.Mul, wk1r, wk1i, Twiddle.Mul, wk1i, wk1r, 1);
    col(4, Twiddle.Quarter, wn4r, 0, Twiddle.QuarterConj, wn4r, 0, 2);
    col(6, Twiddle.Mul, wk1i, wk1r, Twiddle.Mul, wk1r, wk1i, 3);
    const row = (yk: number, d: number, neg2 = false, neg3 = false) =>
      butterflyA(y, 2 * yk, 2 * (yk + 1), 2 * (yk + 2), 2 * (yk + 3), a, o + d, o + d + 2, o + d + 4, o + d + 6, Twiddle.One, 0, 0, Twiddle.One, 0, 0, neg2, neg3);
    row(12, 24, true, true);
    row(8, 16);
    butterflyB0(y, 8, 10, 12, 14, a, o + 8, o + 10, o + 12, o + 14, wn4r);
    row(0, 0);
  }

  /** 16-point transform, kind B (cftf162); twiddles at w[wo..]. */
  private leaf16B(a: Float32Array, o: number, wo: number): void {
    const w = this.w;
    const y = this.scratch;
    const wn4r = w[wo + 1];
    const wk1r = w[wo + 4];
    const wk1i = w[wo + 5];
    const wk3r = w[wo + 6];
    const wk3i = -w[wo + 7];
    const wk2r = w[wo + 8];
    const wk2i = w[wo + 9];
    // column g of the input goes to y[g], y[g + 4], y[g + 8], y[g + 12] (complex indices)
    butterflyB0(a, o, o + 8, o + 16, o + 24, y, 0, 8, 16, 24, wn4r);
    // where a column's last two outputs are y0 - y2 / y0 + y2, the fourth twiddle is negated (exact)
    butterflyB(a, o + 2, o + 10, o + 18, o + 26, y, 2, 10, 18, 26, wk1r, wk1i, wk3i, wk3r, wk3r, wk3i, -wk1r, wk1i);
    butterflyB(a, o + 4, o + 12, o + 20, o + 28, y, 4, 12, 20, 28, wk2r, wk2i, wk2i, wk2r, wk2i, wk2r, -wk2r, -wk2i);
    butterflyB(a, o + 6, o + 14, o + 22, o + 30, y, 6, 14, 22, 30, wk3r, wk3i, wk1i, wk1r, wk1i, -wk1r, wk3i, wk3r);
    const row = (yk: number, d: number, neg3 = false) =>
      butterflyA(y, 2 * yk, 2 * (yk + 1), 2 * (yk + 2), 2 * (yk + 3), a, o + d, o + d + 2, o + d + 4, o + d + 6, Twiddle.One, 0, 0, Twiddle.One, 0, 0, false, neg3);
    row(0, 0);
    butterflyB0(y, 8, 10, 12, 14, a, o + 8, o + 10, o + 12, o + 14, wn4r);
    row(8, 16, true);
    butterflyB0(y, 24, 26, 28, 30, a, o + 24, o + 26, o + 28, o + 30, wn4r, true);
  }

  /** 8-point transform, kind A (cftf081). */
  private leaf8A(a: Float32Array, o: number, wo: number): void {
    const y = this.scratch;
    const wn4r = this.w[wo + 1];
    butterflyA(a, o, o + 4, o + 8, o + 12, y, 0, 4, 2, 6, Twiddle.One, 0, 0, Twiddle.One, 0, 0);
    butterflyA(a, o + 2, o + 6, o + 10, o + 14, y, 8, 12, 10, 14, Twiddle.Quarter, wn4r, 0, Twiddle.Quarter, wn4r, 0);
    radix2(y, 2, 10, a, o + 8, o + 10);
    radix2i(y, 6, 14, a, o + 12, o + 14);
    radix2(y, 0, 8, a, o, o + 2);
    radix2i(y, 4, 12, a, o + 4, o + 6);
  }

  /** 8-point transform, kind B (cftf082). */
  private leaf8B(a: Float32Array, o: number, wo: number): void {
    const w = this.w;
    const y = this.scratch;
    const t = this.scratch2;
    const wn4r = w[wo + 1];
    const wk1r = w[wo + 2];
    const wk1i = w[wo + 3];
    radix2i(a, o, o + 8, y, 0, 2);
    radix2i(a, o + 4, o + 12, y, 4, 6, Twiddle.Quarter, wn4r, 0, Twiddle.Quarter, wn4r, 0);
    radix2i(a, o + 2, o + 10, y, 8, 10, Twiddle.Mul, wk1r, wk1i, Twiddle.Mul, wk1i, wk1r);
    radix2i(a, o + 6, o + 14, y, 12, 14, Twiddle.Mul, wk1i, wk1r, Twiddle.Mul, wk1r, wk1i);
    butterflyA(y, 0, 8, 4, 12, a, o, o + 2, o + 4, o + 6, Twiddle.One, 0, 0, Twiddle.One, 0, 0);
    radix2i(y, 2, 6, t, 0, 2);
    radix2(y, 10, 14, t, 4, 6);
    radix2(t, 0, 6, a, o + 8, o + 10);
    radix2i(t, 2, 4, a, o + 12, o + 14);
  }

  /**
   * The two kinds of leaf transform at offsets counted in leaves from `o`: 16-point ones (32 floats) when
   * `wide`, else 8-point ones (16 floats), with the twiddles each size reads.
   */
  private leafKinds(wide: boolean, a: Float32Array, o: number): { A: (leafIndex: number) => void; B: (leafIndex: number) => void } {
    const nw = this.nw;
    return wide
      ? { A: (p) => this.leaf16A(a, o + 32 * p, nw - 8), B: (p) => this.leaf16B(a, o + 32 * p, nw - 32) }
      : { A: (p) => this.leaf8A(a, o + 16 * p, nw - 8), B: (p) => this.leaf8B(a, o + 16 * p, nw - 8) };
  }

  /**
   * A 512- or 256-float block after the first stage(s) (cftleaf): four radix-4 stages of a quarter q each,
   * every quarter then four leaves (16-point for 512, 8-point for 256); `last` picks the kind of the last
   * quarter's stage and its final leaf.
   */
  private leaf(n: number, last: boolean, a: Float32Array, o: number): void {
    const nw = this.nw;
    const q = n >> 2;
    const { A, B } = this.leafKinds(n === 512, a, o);
    this.stageA(q, a, o, nw - (q >> 1));
    A(0); B(1); A(2); A(3);
    this.stageB(q, a, o + q, nw - q);
    A(4); B(5); A(6); B(7);
    this.stageA(q, a, o + 2 * q, nw - (q >> 1));
    A(8); B(9); A(10); A(11);
    if (last) {
      this.stageA(q, a, o + 3 * q, nw - (q >> 1));
      A(15);
    } else {
      this.stageB(q, a, o + 3 * q, nw - q);
      B(15);
    }
    A(12); B(13); A(14);
  }

  /** 128 and 64 floats: the four quarters left by the first stage are 16- or 8-point transforms (cftfx41). */
  private smallLeaves(n: number, a: Float32Array): void {
    const { A, B } = this.leafKinds(n === 128, a, 0);
    A(0); B(1); A(2); A(3);
  }

  /** Sizes above 512: depth-first radix-4 stages down to 512-float leaves (cftrec4 / cfttree). */
  private recursiveStages(a: Float32Array): void {
    const n = this.size;
    const nw = this.nw;
    let m = n;
    while (m > 512) {
      m >>= 2;
      this.stageA(m, a, n - m, nw - (m >> 1));
    }
    this.leaf(m, true, a, n - m);
    let k = 0;
    for (let j = n - m; j > 0; j -= m) {
      k++;
      let kindA: boolean;
      if ((k & 3) !== 0) {
        kindA = (k & 1) !== 0;
        if (kindA) this.stageA(m, a, j - m, nw - (m >> 1));
        else this.stageB(m, a, j - m, nw - m);
      } else {
        let size = m;
        let i = k;
        for (; (i & 3) === 0; i >>= 2) size <<= 2;
        kindA = (i & 1) !== 0;
        for (; size > 128; size >>= 2) {
          if (kindA) this.stageA(size, a, j - size, nw - (size >> 1));
          else this.stageB(size, a, j - size, nw - size);
        }
      }
      this.leaf(m, kindA, a, j - m);
    }
  }

  /** From the n/2-point complex transform to the n-point real one (rftfsub). */
  private realSplit(a: Float32Array): void {
    const n = this.size;
    const c = this.nw;
    const nc = this.nc;
    const w = this.w;
    const m = n >> 1;
    const ks = (2 * nc) / m;
    let kk = 0;
    for (let j = 2; j < m; j += 2) {
      const k = n - j;
      kk += ks;
      const wkr = f(0.5 - w[c + nc - kk]);
      const wki = w[c + kk];
      const xr = f(a[j] - a[k]);
      const xi = f(a[j + 1] + a[k + 1]);
      const yr = f(f(wkr * xr) - f(wki * xi));
      const yi = f(f(wkr * xi) + f(wki * xr));
      a[j] -= yr;
      a[j + 1] -= yi;
      a[k] += yr;
      a[k + 1] -= yi;
    }
  }
}
