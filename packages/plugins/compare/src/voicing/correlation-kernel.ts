import { oneFunctionModule, WASM_PAGE, wasmKernel, wasmVector, type WasmMemory } from '../wasm/wasm-module';
import { correlation, correlationScores } from './period-search';
import { WASM_OP } from '../wasm/wasm-opcodes';
import { WASM_CODE } from '../wasm/wasm-code';

/**
 * The jitter period search's correlations (correlationScores: for every lag L in [minLag, maxLag] the Pearson
 * correlation of x[c, c+L) with x[c+L, c+2L)) in a WebAssembly SIMD kernel: two lags side by side in the f64x2
 * lanes, the second stretch of both read by one 16-byte load (it starts one sample later for lag L + 1); four lags
 * per pass (two such pairs, twice the independent sums) while four remain, then pairs.
 * Every lane runs the scalar loop's operations in its order (IEEE double, no fusion), so the scores are
 * bit-identical to correlationScores, which stays the fallback for engines without WebAssembly SIMD.
 *
 * The module is assembled here from its instructions (../wasm/wasm-module.ts):
 *   pairs(x, start, minLag, maxLag, out): x and out byte offsets into the imported memory (f64 arrays); writes
 *   out[L - minLag] for L = minLag, minLag + 2, ... < maxLag and the lag after each; the last lag of an odd count
 *   is left to the caller.
 */

const { I32, F64, V128, BLOCK, LOOP, BR, BR_IF, END, EMPTY, I32_ADD, I32_SHL, I32_GE_S, I32_GT_S, F64_LOAD, F64_STORE, F64_ADD, F64_SUB, F64_MUL, F64_DIV, F64_SQRT, F64_CONVERT_I32_S, V128_LOAD, F64X2_SPLAT, F64X2_EXTRACT_LANE, F64X2_REPLACE_LANE, F64X2_ADD, F64X2_SUB, F64X2_MUL } = WASM_OP;

function kernelModule(): Uint8Array {
  const { get, set, konst } = WASM_CODE;
  // params 0 x, 1 start, 2 minLag, 3 maxLag, 4 out (i32); locals i32 5 L, 6 i, 7 pS, 8 pY, 9 pO;
  // f64 10 prefix, 11 sxa, 12 sxb, 13 mxa, 14 mxb, 15 mya, 16 myb, 17 dxb, 18 dyb;
  // v128 19 sy, 20 mx, 21 my, 22 xy, 23 xx, 24 yy, 25 dx, 26 dy
  const [x, start, minLag, maxLag, out, L, i, pS, pY, pO] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [prefix, sxa, sxb, mxa, mxb, mya, myb, dxb, dyb] = [10, 11, 12, 13, 14, 15, 16, 17, 18];
  const [sy, mx, my, xy, xx, yy, dx, dy] = [19, 20, 21, 22, 23, 24, 25, 26];
  // the four-lag pass: f64 27 sxc, 28 sxd, 29 mxc, 30 mxd, 31 myc, 32 myd, 33 txy, 34 txx, 35 tyy, 36 tdx, 37 tdy;
  // v128 38 sy2, 39 mx2, 40 my2, 41 xy2, 42 xx2, 43 yy2, 44 dx2, 45 dy2, 46 xi
  const [sxc, sxd, mxc, mxd, myc, myd, txy, txx, tyy, tdx, tdy] = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37];
  const [sy2, mx2, my2, xy2, xx2, yy2, dx2, dy2, xi] = [38, 39, 40, 41, 42, 43, 44, 45, 46];
  const f64At = (base: number, index: number, offset = 0) => [...get(base), ...get(index), ...konst(3), I32_SHL, I32_ADD, F64_LOAD, 3, offset];
  const v128At = (base: number, index: number, offset = 0) => [...get(base), ...get(index), ...konst(3), I32_SHL, I32_ADD, ...V128_LOAD, 3, offset];
  const zero = [0x44, 0, 0, 0, 0, 0, 0, 0, 0, ...F64X2_SPLAT]; // f64.const 0, splat
  const lane = (v: number, k: number) => [...get(v), ...F64X2_EXTRACT_LANE, k];
  // for (i = 0; i < limit; i++) body
  const loop = (limit: number, body: number[]) => [
    ...konst(0), ...set(i),
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(i), ...get(limit), I32_GE_S, BR_IF, 1,
    ...body,
    ...get(i), ...konst(1), I32_ADD, ...set(i),
    BR, 0, END, END,
  ];
  // lag L + k's correlation into out[pO + 8 k], from the lane sums over i < L plus its last k terms (i = L ..)
  const divide = (sumXY: number[], sumXX: number[], sumYY: number[]) => [...sumXY, ...sumXX, F64_SQRT, ...sumYY, F64_SQRT, F64_MUL, F64_DIV];
  const tail = (k: number, sums: [number[], number[], number[]], mxk: number, myk: number) => [
    ...sums[0], ...set(txy),
    ...sums[1], ...set(txx),
    ...sums[2], ...set(tyy),
    ...Array.from({ length: k }, (_, t) => [
      ...f64At(pS, L, 8 * t), ...get(mxk), F64_SUB, ...set(tdx),
      ...f64At(pY, L, 8 * (k + t)), ...get(myk), F64_SUB, ...set(tdy),
      ...get(txy), ...get(tdx), ...get(tdy), F64_MUL, F64_ADD, ...set(txy),
      ...get(txx), ...get(tdx), ...get(tdx), F64_MUL, F64_ADD, ...set(txx),
      ...get(tyy), ...get(tdy), ...get(tdy), F64_MUL, F64_ADD, ...set(tyy),
    ]).flat(),
    ...get(pO), ...divide(get(txy), get(txx), get(tyy)), F64_STORE, 3, 8 * k,
  ];
  const over = (sum: number, lagPlus: number) => [...get(sum), ...get(L), ...konst(lagPlus), I32_ADD, F64_CONVERT_I32_S, F64_DIV];
  // Four lags L .. L + 3 per pass while L + 3 <= maxLag: lanes (L, L + 1) and (L + 2, L + 3) in two sets of sums,
  // twice the independent additions of the pair pass below (whose sums wait on their latency); each lane the
  // scalar correlation's sums in its order.
  const quads = [
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(L), ...konst(3), I32_ADD, ...get(maxLag), I32_GT_S, BR_IF, 1,
    // prefix sums of x[s ..]: lag L + k sums k more terms
    ...get(prefix), ...set(sxa),
    ...get(sxa), ...f64At(pS, L), F64_ADD, ...set(sxb),
    ...get(sxb), ...f64At(pS, L, 8), F64_ADD, ...set(sxc),
    ...get(sxc), ...f64At(pS, L, 16), F64_ADD, ...set(sxd),
    ...get(sxd), ...f64At(pS, L, 24), F64_ADD, ...set(prefix),
    ...get(pS), ...get(L), ...konst(3), I32_SHL, I32_ADD, ...set(pY),
    // lane sums of y over i < L: sy (lags L, L + 1), sy2 (L + 2, L + 3)
    ...zero, ...set(sy),
    ...zero, ...set(sy2),
    ...loop(L, [...get(sy), ...v128At(pY, i), ...F64X2_ADD, ...set(sy), ...get(sy2), ...v128At(pY, i, 16), ...F64X2_ADD, ...set(sy2)]),
    ...over(sxa, 0), ...set(mxa),
    ...over(sxb, 1), ...set(mxb),
    ...over(sxc, 2), ...set(mxc),
    ...over(sxd, 3), ...set(mxd),
    ...lane(sy, 0), ...set(mya),
    ...get(mya), ...get(L), F64_CONVERT_I32_S, F64_DIV, ...set(mya),
    ...lane(sy, 1), ...f64At(pY, L, 8), F64_ADD, ...set(myb),
    ...over(myb, 1), ...set(myb),
    ...lane(sy2, 0), ...f64At(pY, L, 16), F64_ADD, ...f64At(pY, L, 24), F64_ADD, ...set(myc),
    ...over(myc, 2), ...set(myc),
    ...lane(sy2, 1), ...f64At(pY, L, 24), F64_ADD, ...f64At(pY, L, 32), F64_ADD, ...f64At(pY, L, 40), F64_ADD, ...set(myd),
    ...over(myd, 3), ...set(myd),
    ...get(mxa), ...F64X2_SPLAT, ...get(mxb), ...F64X2_REPLACE_LANE, 1, ...set(mx),
    ...get(mya), ...F64X2_SPLAT, ...get(myb), ...F64X2_REPLACE_LANE, 1, ...set(my),
    ...get(mxc), ...F64X2_SPLAT, ...get(mxd), ...F64X2_REPLACE_LANE, 1, ...set(mx2),
    ...get(myc), ...F64X2_SPLAT, ...get(myd), ...F64X2_REPLACE_LANE, 1, ...set(my2),
    // centred products over i < L
    ...zero, ...set(xy),
    ...zero, ...set(xx),
    ...zero, ...set(yy),
    ...zero, ...set(xy2),
    ...zero, ...set(xx2),
    ...zero, ...set(yy2),
    ...loop(L, [
      ...f64At(pS, i), ...F64X2_SPLAT, ...set(xi),
      ...get(xi), ...get(mx), ...F64X2_SUB, ...set(dx),
      ...v128At(pY, i), ...get(my), ...F64X2_SUB, ...set(dy),
      ...get(xi), ...get(mx2), ...F64X2_SUB, ...set(dx2),
      ...v128At(pY, i, 16), ...get(my2), ...F64X2_SUB, ...set(dy2),
      ...get(xy), ...get(dx), ...get(dy), ...F64X2_MUL, ...F64X2_ADD, ...set(xy),
      ...get(xx), ...get(dx), ...get(dx), ...F64X2_MUL, ...F64X2_ADD, ...set(xx),
      ...get(yy), ...get(dy), ...get(dy), ...F64X2_MUL, ...F64X2_ADD, ...set(yy),
      ...get(xy2), ...get(dx2), ...get(dy2), ...F64X2_MUL, ...F64X2_ADD, ...set(xy2),
      ...get(xx2), ...get(dx2), ...get(dx2), ...F64X2_MUL, ...F64X2_ADD, ...set(xx2),
      ...get(yy2), ...get(dy2), ...get(dy2), ...F64X2_MUL, ...F64X2_ADD, ...set(yy2),
    ]),
    ...get(pO), ...divide(lane(xy, 0), lane(xx, 0), lane(yy, 0)), F64_STORE, 3, 0,
    ...tail(1, [lane(xy, 1), lane(xx, 1), lane(yy, 1)], mxb, myb),
    ...tail(2, [lane(xy2, 0), lane(xx2, 0), lane(yy2, 0)], mxc, myc),
    ...tail(3, [lane(xy2, 1), lane(xx2, 1), lane(yy2, 1)], mxd, myd),
    ...get(pO), ...konst(32), I32_ADD, ...set(pO),
    ...get(L), ...konst(4), I32_ADD, ...set(L),
    BR, 0, END, END,
  ];
  const body = [
    ...wasmVector([
      [5, I32],
      [9, F64],
      [8, V128],
      [11, F64],
      [9, V128],
    ]),
    // pS = x + 8 start; prefix = x[start] + ... + x[start + minLag - 1]
    ...get(x), ...get(start), ...konst(3), I32_SHL, I32_ADD, ...set(pS),
    ...loop(minLag, [...get(prefix), ...f64At(pS, i), F64_ADD, ...set(prefix)]),
    ...get(minLag), ...set(L),
    ...get(out), ...set(pO),
    ...quads,
    BLOCK, EMPTY, LOOP, EMPTY,
    // while (L + 1 <= maxLag), i.e. L < maxLag
    ...get(L), ...get(maxLag), I32_GE_S, BR_IF, 1,
    // sxa = prefix; sxb = sxa + x[s + L]; prefix = sxb + x[s + L + 1]; pY = pS + 8 L
    ...get(prefix), ...set(sxa),
    ...get(sxa), ...f64At(pS, L), F64_ADD, ...set(sxb),
    ...get(sxb), ...f64At(pS, L, 8), F64_ADD, ...set(prefix),
    ...get(pS), ...get(L), ...konst(3), I32_SHL, I32_ADD, ...set(pY),
    // sy = (sum of x[ya + i], sum of x[yb + i]) over i < L
    ...zero, ...set(sy),
    ...loop(L, [...get(sy), ...v128At(pY, i), ...F64X2_ADD, ...set(sy)]),
    // means (lag L + 1's sums have one more term)
    ...get(sxa), ...get(L), F64_CONVERT_I32_S, F64_DIV, ...set(mxa),
    ...get(sxb), ...get(L), ...konst(1), I32_ADD, F64_CONVERT_I32_S, F64_DIV, ...set(mxb),
    ...lane(sy, 0), ...get(L), F64_CONVERT_I32_S, F64_DIV, ...set(mya),
    ...lane(sy, 1), ...f64At(pY, L, 8), F64_ADD, ...get(L), ...konst(1), I32_ADD, F64_CONVERT_I32_S, F64_DIV, ...set(myb),
    ...get(mxa), ...F64X2_SPLAT, ...get(mxb), ...F64X2_REPLACE_LANE, 1, ...set(mx),
    ...get(mya), ...F64X2_SPLAT, ...get(myb), ...F64X2_REPLACE_LANE, 1, ...set(my),
    // centred products over i < L
    ...zero, ...set(xy),
    ...zero, ...set(xx),
    ...zero, ...set(yy),
    ...loop(L, [
      ...f64At(pS, i), ...F64X2_SPLAT, ...get(mx), ...F64X2_SUB, ...set(dx),
      ...v128At(pY, i), ...get(my), ...F64X2_SUB, ...set(dy),
      ...get(xy), ...get(dx), ...get(dy), ...F64X2_MUL, ...F64X2_ADD, ...set(xy),
      ...get(xx), ...get(dx), ...get(dx), ...F64X2_MUL, ...F64X2_ADD, ...set(xx),
      ...get(yy), ...get(dy), ...get(dy), ...F64X2_MUL, ...F64X2_ADD, ...set(yy),
    ]),
    // lag L + 1's last term (i = L)
    ...f64At(pS, L), ...get(mxb), F64_SUB, ...set(dxb),
    ...f64At(pY, L, 8), ...get(myb), F64_SUB, ...set(dyb),
    // out[L - minLag] = xy / (sqrt(xx) sqrt(yy)) per lane
    ...get(pO),
    ...lane(xy, 0), ...lane(xx, 0), F64_SQRT, ...lane(yy, 0), F64_SQRT, F64_MUL, F64_DIV,
    F64_STORE, 3, 0,
    ...get(pO),
    ...lane(xy, 1), ...get(dxb), ...get(dyb), F64_MUL, F64_ADD,
    ...lane(xx, 1), ...get(dxb), ...get(dxb), F64_MUL, F64_ADD, F64_SQRT,
    ...lane(yy, 1), ...get(dyb), ...get(dyb), F64_MUL, F64_ADD, F64_SQRT,
    F64_MUL, F64_DIV,
    F64_STORE, 3, 8,
    // next pair
    ...get(pO), ...konst(16), I32_ADD, ...set(pO),
    ...get(L), ...konst(2), I32_ADD, ...set(L),
    BR, 0, END, END,
    END,
  ];
  return oneFunctionModule('pairs', [I32, I32, I32, I32, I32], body);
}

type PairsRun = (x: number, start: number, minLag: number, maxLag: number, out: number) => void;

const compiled: { compiled?: object | null } = {};

let threadKernel: { memory: WasmMemory; run: PairsRun } | null | undefined;
/**
 * The kernel instance of this thread, shared by every PeriodCorrelations: one exported function for all of
 * them, so the optimised callers stay valid from file to file (a new instance per analysis gave them a new
 * call target each time, and deoptimised them).
 */
function sharedKernel(): { memory: WasmMemory; run: PairsRun } | null {
  if (threadKernel === undefined) threadKernel = wasmKernel<PairsRun>(compiled, kernelModule, 'pairs', 1);
  return threadKernel;
}

// The buffers in the shared kernel memory: views made anew when they must grow, or when the memory grew (which
// detaches the views of its old buffer).
let layout: { buffer: ArrayBuffer | null; run: Float64Array<ArrayBuffer>; scores: Float64Array<ArrayBuffer> } = { buffer: null, run: new Float64Array(0), scores: new Float64Array(0) };

function sharedLayout(memory: WasmMemory, samples: number, lags: number): { run: Float64Array<ArrayBuffer>; scores: Float64Array<ArrayBuffer> } {
  if (layout.buffer === memory.buffer && layout.run.length >= samples && layout.scores.length >= lags) return layout;
  const runLength = Math.max(layout.run.length, 2 * samples);
  const scoreLength = Math.max(layout.scores.length, 2 * lags);
  const pages = Math.ceil((8 * (runLength + scoreLength)) / WASM_PAGE) - memory.buffer.byteLength / WASM_PAGE;
  if (pages > 0) memory.grow(pages);
  layout = { buffer: memory.buffer, run: new Float64Array(memory.buffer, 0, runLength), scores: new Float64Array(memory.buffer, 8 * runLength, scoreLength) };
  return layout;
}

/**
 * A run buffer and the scores of one cursor, for one analysis at a time: `reserve` before filling `run`
 * (the views change when the buffers grow), then `score` fills `scores[0 .. maxLag - minLag]`. With the
 * WebAssembly kernel the buffers are the thread's kernel memory, shared by every PeriodCorrelations: what
 * `run` holds lasts until the next `reserve` of any of them (the period analysis fills and scores a frame's
 * run within one synchronous call).
 */
export class PeriodCorrelations {
  run = new Float64Array(0);
  scores = new Float64Array(0);
  /** Whether the WebAssembly kernel runs (else the scalar correlationScores). */
  readonly simd: boolean;
  private readonly memory: WasmMemory | null = null;
  private readonly pairs: PairsRun | null = null;

  /** `useSimd` false: the scalar correlationScores (the WebAssembly kernel is used where the engine has it). */
  constructor(useSimd = true) {
    const kernel = useSimd ? sharedKernel() : null;
    if (kernel) {
      this.memory = kernel.memory;
      this.pairs = kernel.run;
    }
    this.simd = this.pairs !== null;
  }

  /** Room for a run of `samples` and `lags` scores (grown to twice the need, so rarely). */
  reserve(samples: number, lags: number): void {
    if (!this.memory) {
      if (this.run.length < samples) this.run = new Float64Array(Math.max(this.run.length, 2 * samples));
      if (this.scores.length < lags) this.scores = new Float64Array(Math.max(this.scores.length, 2 * lags));
      return;
    }
    const layout = sharedLayout(this.memory, samples, lags);
    this.run = layout.run;
    this.scores = layout.scores;
  }

  /** scores[L - minLag] = correlation of run[cursor, cursor+L) with run[cursor+L, cursor+2L), L = minLag .. maxLag. */
  score(cursor: number, minLag: number, maxLag: number): void {
    if (!this.pairs) return correlationScores(this.run, cursor, minLag, maxLag, this.scores);
    this.pairs(0, cursor, minLag, maxLag, this.scores.byteOffset);
    if ((maxLag - minLag) % 2 === 0) this.scores[maxLag - minLag] = correlation(this.run, cursor, cursor + maxLag, maxLag);
  }
}
