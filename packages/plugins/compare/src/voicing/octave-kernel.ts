import { kernelRegion, oneFunctionModule, sleb, wasmVector, type KernelArenas } from '../wasm/wasm-module';
import { WASM_OP } from '../wasm/wasm-opcodes';
import { WASM_CODE } from '../wasm/wasm-code';

/**
 * OctaveSpectrum.transform in a WebAssembly kernel, step for step the same operations on the same doubles (IEEE,
 * no fusion), so the same bits: peak enhancement, Hanning smoothing within the spline solve's forward pass, the
 * back substitution, then the evaluation on the log2 grid point after point (each point's knot interval from a
 * table) with the arctan weighting and negatives clipped to 0. It saves the engine's bounds checks and the
 * branches of the interval-by-interval evaluation.
 *
 *   octave(magnitude, y, u, y2, out, n, knots, grid, interval): byte offsets into the imported memory but n (the
 *   points). knots holds per knot k: 1 / (x[k+1] - x[k]), 6 / (x[k+1] - x[k-1]), sig, pivot, forward (40 bytes);
 *   grid per point: a, b, a^3 - a, b^3 - b, h^2 / 6, weight (48 bytes); interval per point: 8 k (i32).
 */

const { I32, F64, IF, END, EMPTY, SELECT, I32_ADD, I32_SUB, I32_AND, I32_SHL, I32_EQ, I32_LT_S, I32_GE_S, I32_LOAD, F64_LOAD, F64_STORE, F64_CONST, F64_GT, F64_GE, F64_ADD, F64_SUB, F64_MUL } = WASM_OP;

const f64Const = (v: number): number[] => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v, true);
  return [F64_CONST, ...new Uint8Array(view.buffer)];
};

function kernelModule(): Uint8Array {
  const { get, set, konst, loopUntil } = WASM_CODE;
  const [magnitude, y, u, y2, out, n, knots, grid, interval] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  // i32 locals: o (8 i), j, lastMax (8 i, -8 none), maxima, end, q (knot row), p (grid row), k8
  const [o, j, lastMax, maxima, end, q, p, k8] = [9, 10, 11, 12, 13, 14, 15, 16];
  // f64 locals
  const [before, here, after, raw0, rawHere, rawNext, smoothed, next, slope, previousSlope, previousU, upper, value] = Array.from({ length: 13 }, (_, k) => 17 + k);
  const at = (base: number, index: number) => [...get(base), ...get(index), I32_ADD];
  const load = (address: number[], offset = 0) => [...address, F64_LOAD, 3, ...sleb(offset)];
  const store = (address: number[], v: number[], offset = 0) => [...address, ...v, F64_STORE, 3, ...sleb(offset)];
  const step8 = (l: number, by = 8) => [...get(l), ...konst(by), I32_ADD, ...set(l)];
  // y[j] = 0 for j = from .. limit (byte offsets, limit exclusive)
  const zeroes = (from: number[], limit: number[]) => [
    ...from, ...set(j),
    ...loopUntil([...get(j), ...limit, I32_GE_S], [...store(at(y, j), f64Const(0)), ...step8(j)]),
  ];
  const n8 = (minus: number) => [...get(n), ...konst(3), I32_SHL, ...konst(-8 * minus), I32_ADD];
  // 0.25 a + 0.5 b + 0.25 c (left to right)
  const hanning = (a: number[], b: number[], c: number[]) => [...f64Const(0.25), ...a, F64_MUL, ...f64Const(0.5), ...b, F64_MUL, F64_ADD, ...f64Const(0.25), ...c, F64_MUL, F64_ADD];
  // one step i (o = 8 i, q = knot row i) of the forward solve, `next` being smoothed point i + 1
  const solveStep = [
    ...store(at(y, o), get(next), 8),
    ...get(next), ...get(smoothed), F64_SUB, ...load(get(q)), F64_MUL, ...set(slope),
    ...get(slope), ...get(previousSlope), F64_SUB, ...load(get(q), 8), F64_MUL,
    ...load(get(q), 16), ...get(previousU), F64_MUL, F64_SUB,
    ...load(get(q), 24), F64_MUL, ...set(previousU),
    ...store(at(u, o), get(previousU)),
    ...get(slope), ...set(previousSlope),
    ...get(next), ...set(smoothed),
    ...step8(o),
    ...step8(q, 40),
  ];
  const body = [
    ...wasmVector([
      [8, I32],
      [13, F64],
    ]),
    // y = magnitude
    ...konst(0), ...set(o),
    ...loopUntil([...get(o), ...n8(0), I32_GE_S], [...store(at(y, o), load(at(magnitude, o))), ...step8(o)]),
    // peak enhancement: between neighbouring maxima, the points more than two from both are zeroed
    ...load(get(magnitude)), ...set(before),
    ...load(get(magnitude), 8), ...set(here),
    ...konst(-8), ...set(lastMax),
    ...konst(0), ...set(maxima),
    ...get(before), ...get(here), F64_GT, IF, EMPTY,
    ...konst(0), ...set(lastMax),
    ...konst(1), ...set(maxima),
    END,
    ...konst(8), ...set(o),
    ...loopUntil([...get(o), ...n8(1), I32_GE_S], [
      ...load(at(magnitude, o), 8), ...set(after),
      ...get(here), ...get(before), F64_GT, ...get(here), ...get(after), F64_GE, I32_AND, IF, EMPTY,
      ...get(lastMax), ...konst(0), I32_GE_S, IF, EMPTY,
      ...zeroes([...get(lastMax), ...konst(24), I32_ADD], [...get(o), ...konst(-16), I32_ADD]),
      END,
      ...get(o), ...set(lastMax),
      ...get(maxima), ...konst(1), I32_ADD, ...set(maxima),
      END,
      ...get(here), ...set(before),
      ...get(after), ...set(here),
      ...step8(o),
    ]),
    // the last point, a maximum when above its neighbour
    ...get(here), ...get(before), F64_GT, IF, EMPTY,
    ...get(lastMax), ...konst(0), I32_GE_S, IF, EMPTY,
    ...zeroes([...get(lastMax), ...konst(24), I32_ADD], n8(3)),
    END,
    ...n8(1), ...set(lastMax),
    ...get(maxima), ...konst(1), I32_ADD, ...set(maxima),
    END,
    // a single maximum keeps only its +/- 2 points
    ...get(maxima), ...konst(1), I32_EQ, IF, EMPTY,
    ...zeroes(konst(0), [...get(lastMax), ...konst(-16), I32_ADD]),
    ...zeroes([...get(lastMax), ...konst(24), I32_ADD], n8(0)),
    END,
    // Hanning smoothing inside the forward solve (point i + 1 smoothed before step i)
    ...load(get(y)), ...set(raw0),
    ...load(get(y), 8), ...set(rawHere),
    ...load(get(y), 16), ...set(rawNext),
    ...get(y), ...hanning(f64Const(0), get(raw0), get(rawHere)), ...set(smoothed), ...get(smoothed), F64_STORE, 3, 0,
    // smoothed0 is in `smoothed` for the first slope; point 1 goes to `next`
    ...hanning(get(raw0), get(rawHere), get(rawNext)), ...set(next),
    ...store(get(y), get(next), 8),
    ...store(get(u), f64Const(0)),
    ...f64Const(0), ...set(previousU),
    ...get(next), ...get(smoothed), F64_SUB, ...load(get(knots)), F64_MUL, ...set(previousSlope),
    ...get(next), ...set(smoothed),
    ...konst(8), ...set(o),
    ...get(knots), ...konst(40), I32_ADD, ...set(q),
    // steps i = 1 .. n - 3 smooth point i + 1 from raw i .. i + 2
    ...loopUntil([...get(o), ...n8(2), I32_GE_S], [
      ...load(at(y, o), 16), ...set(after),
      ...hanning(get(rawHere), get(rawNext), get(after)), ...set(next),
      ...get(rawNext), ...set(rawHere),
      ...get(after), ...set(rawNext),
      ...solveStep,
    ]),
    // step n - 2: the last point stays as it is
    ...get(rawNext), ...set(next),
    ...solveStep,
    // back substitution: y2[n - 1] = 0, y2[k] = forward[k] y2[k + 1] + u[k]
    ...store([...get(y2), ...n8(1), I32_ADD], f64Const(0)),
    ...f64Const(0), ...set(upper),
    ...n8(2), ...set(o),
    ...get(knots), ...get(n), ...konst(2), I32_SUB, ...konst(40), 0x6c /* i32.mul */, I32_ADD, ...set(q),
    ...loopUntil([...get(o), ...konst(0), I32_LT_S], [
      ...load(get(q), 32), ...get(upper), F64_MUL, ...load(at(u, o)), F64_ADD, ...set(upper),
      ...store(at(y2, o), get(upper)),
      ...get(o), ...konst(8), I32_SUB, ...set(o),
      ...get(q), ...konst(40), I32_SUB, ...set(q),
    ]),
    // evaluation: value = a y[k] + b y[k+1] + ((a^3 - a) y2[k] + (b^3 - b) y2[k+1]) h^2 / 6; out = value > 0 ? value w : 0
    ...konst(0), ...set(o),
    ...get(grid), ...set(p),
    ...get(interval), ...set(j),
    ...loopUntil([...get(o), ...n8(0), I32_GE_S], [
      ...get(j), I32_LOAD, 2, 0, ...set(k8),
      ...load(get(p)), ...load(at(y, k8)), F64_MUL,
      ...load(get(p), 8), ...load(at(y, k8), 8), F64_MUL, F64_ADD,
      ...load(get(p), 16), ...load(at(y2, k8)), F64_MUL,
      ...load(get(p), 24), ...load(at(y2, k8), 8), F64_MUL, F64_ADD,
      ...load(get(p), 32), F64_MUL, F64_ADD, ...set(value),
      ...at(out, o),
      ...get(value), ...load(get(p), 40), F64_MUL,
      ...f64Const(0),
      ...get(value), ...f64Const(0), F64_GT,
      SELECT,
      F64_STORE, 3, 0,
      ...step8(o),
      ...step8(p, 48),
      ...step8(j, 4),
    ]),
    END,
  ];
  return oneFunctionModule('octave', [I32, I32, I32, I32, I32, I32, I32, I32, I32], body);
}

type OctaveRun = (magnitude: number, y: number, u: number, y2: number, out: number, n: number, knots: number, grid: number, interval: number) => void;

const arenas: KernelArenas<OctaveRun> = {};
const setups = new Map<string, OctaveKernel | null>();

/** The tables OctaveSpectrum derives from its knots and grid (one entry per point). */
export interface OctaveTables {
  readonly inverseStep: Float64Array;
  readonly sixOverSpan: Float64Array;
  readonly splineSig: Float64Array;
  readonly pivot: Float64Array;
  readonly forward: Float64Array;
  readonly coefA: Float64Array;
  readonly coefB: Float64Array;
  readonly cubicA: Float64Array;
  readonly cubicB: Float64Array;
  readonly coefH: Float64Array;
  readonly weights: Float64Array;
  /** Knot interval of each grid point. */
  readonly interval: Int32Array;
}

/**
 * The kernel for one configuration of OctaveSpectrum, in a region of the thread's kernel memory shared by every
 * OctaveSpectrum of that configuration (`key`: what determines the tables); null without WebAssembly. `input`
 * in, `transform()`, `output` out, within one synchronous call.
 */
export class OctaveKernel {
  readonly input: Float64Array;
  readonly output: Float64Array;

  private constructor(
    private readonly run: OctaveRun,
    buffer: ArrayBuffer,
    private readonly at: { readonly input: number; readonly y: number; readonly u: number; readonly y2: number; readonly output: number; readonly knots: number; readonly grid: number; readonly interval: number },
    private readonly n: number,
  ) {
    this.input = new Float64Array(buffer, at.input, n);
    this.output = new Float64Array(buffer, at.output, n);
  }

  static create(key: string, tables: OctaveTables): OctaveKernel | null {
    const known = setups.get(key);
    if (known !== undefined) return known;
    const n = tables.weights.length;
    const vector = 8 * n;
    const region = kernelRegion(arenas, kernelModule, 'octave', 16 * vector + 4 * n);
    if (!region) {
      setups.set(key, null);
      return null;
    }
    const base = region.offset;
    const at = { input: base, y: base + vector, u: base + 2 * vector, y2: base + 3 * vector, output: base + 4 * vector, knots: base + 5 * vector, grid: base + 10 * vector, interval: base + 16 * vector };
    const buffer = region.buffer;
    const knots = new Float64Array(buffer, at.knots, 5 * n);
    const grid = new Float64Array(buffer, at.grid, 6 * n);
    for (let i = 0; i < n; i++) {
      knots.set([tables.inverseStep[i], tables.sixOverSpan[i], tables.splineSig[i], tables.pivot[i], tables.forward[i]], 5 * i);
      grid.set([tables.coefA[i], tables.coefB[i], tables.cubicA[i], tables.cubicB[i], tables.coefH[i], tables.weights[i]], 6 * i);
    }
    new Int32Array(buffer, at.interval, n).set(tables.interval.map((k) => 8 * k));
    const kernel = new OctaveKernel(region.run, buffer, at, n);
    setups.set(key, kernel);
    return kernel;
  }

  /** output = the octave spectrum of input. */
  transform(): void {
    const { at } = this;
    this.run(at.input, at.y, at.u, at.y2, at.output, this.n, at.knots, at.grid, at.interval);
  }
}
