import { kernelRegion, oneFunctionModule, sleb, wasmVector, type KernelArenas } from '../wasm/wasm-module';
import { WASM_OP } from '../wasm/wasm-opcodes';
import { WASM_CODE } from '../wasm/wasm-code';

/**
 * Subharmonic summation's sum, ss[j] = sum over h of octave[j + shift_h] x gain_h (terms added in the order of
 * h), in a WebAssembly SIMD kernel: two points j side by side in the f64x2 lanes, four harmonics per pass over ss
 * as in SubharmonicSummation's scalar loop. Every lane runs the scalar operations in their order (IEEE double,
 * no fusion), so the sums are bit-identical. A pair may reach one point past a harmonic's last one: it reads the
 * zero after the spectrum (octave[n], kept 0) and adds +0 to a sum of non-negative terms, which leaves it as it is.
 *
 * Then, in one pass over ss, the sum of its points in index order (the mean's numerator; its chain of additions
 * runs beside the other work) and the list of its local peaks (ss[i - 1] < ss[i] > ss[i + 1]), without branches.
 *
 *   sum(octave, ss, n, shifts, gains, harmonics, peaks, result): byte offsets into the imported memory; octave and
 *   ss hold n + 2 doubles (octave[n], octave[n + 1] zero), shifts are i32 byte offsets 8 shift_h (ascending, below
 *   8 n), gains f64. Writes ss[0 .. n] (ss[n] gets 0 plus zeros), the peaks' indices (i32, ascending) to peaks,
 *   and to result the sum of ss[0 .. n - 1] (f64) then the number of peaks (i32).
 */

const { I32, F64, V128, BLOCK, LOOP, BR, BR_IF, END, EMPTY, I32_ADD, I32_SUB, I32_AND, I32_SHL, I32_SHR_U, I32_GT_S, I32_GE_S, I32_LOAD, I32_STORE, F64_LOAD, F64_STORE, F64_ADD, F64_LT, F64_GT, V128_LOAD, V128_STORE, F64X2_SPLAT, F64X2_ADD, F64X2_MUL } = WASM_OP;

function kernelModule(): Uint8Array {
  const { get, set, konst } = WASM_CODE;
  const [octave, ss, n, shifts, gains, harmonics, peaks, result] = [0, 1, 2, 3, 4, 5, 6, 7];
  // i32 locals: h, o (byte offset 8 j), n8 (8 n), end (of the pass over all four), e0..e2 (of the tails), q0..q3 (octave + shift)
  const [h, o, n8, end, e0, e1, e2, q0, q1, q2, q3] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
  const g = [19, 20, 21, 22]; // v128 gains
  const [total, here] = [23, 24]; // f64
  const found = 25; // i32: the peaks so far
  const q = [q0, q1, q2, q3];
  const e = [e0, e1, e2];
  const at = (base: number) => [...get(base), ...get(o), I32_ADD];
  // o = from; while (o < limit) { body; o += 16 }
  const pairs = (from: number[], limit: number, body: number[]) => [
    ...from, ...set(o),
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(o), ...get(limit), I32_GE_S, BR_IF, 1,
    ...body,
    ...get(o), ...konst(16), I32_ADD, ...set(o),
    BR, 0, END, END,
  ];
  // ss[o] = ss[o] + octave[q_k + o] g_k + ... (left to right)
  const accumulate = (ks: number[]) => [
    ...at(ss),
    ...at(ss), ...V128_LOAD, 3, 0,
    ...ks.flatMap((k) => [...at(q[k]), ...V128_LOAD, 3, 0, ...get(g[k]), ...F64X2_MUL, ...F64X2_ADD]),
    ...V128_STORE, 3, 0,
  ];
  // harmonic h + k's shift (bytes) and gain
  const shiftOf = (k: number) => [...get(shifts), ...get(h), ...konst(2), I32_SHL, I32_ADD, I32_LOAD, 2, ...sleb(4 * k)];
  const gainOf = (k: number) => [...get(gains), ...get(h), ...konst(3), I32_SHL, I32_ADD, F64_LOAD, 3, ...sleb(8 * k), ...F64X2_SPLAT];
  const setUp = (k: number, last: number) => [
    ...get(octave), ...shiftOf(k), I32_ADD, ...set(q[k]),
    ...get(n8), ...shiftOf(k), I32_SUB, ...set(last),
    ...gainOf(k), ...set(g[k]),
  ];
  const body = [
    ...wasmVector([
      [11, I32],
      [4, V128],
      [2, F64],
      [1, I32],
    ]),
    ...get(n), ...konst(3), I32_SHL, ...set(n8),
    // ss[0 .. n] = 0 (end = 8 n + 8 for now)
    ...get(n8), ...konst(8), I32_ADD, ...set(end),
    ...pairs(konst(0), end, [...at(ss), 0x44, 0, 0, 0, 0, 0, 0, 0, 0, ...F64X2_SPLAT, ...V128_STORE, 3, 0]),
    // four harmonics at a time: all four up to the end of the fourth, then the first three's tails, in order
    ...konst(0), ...set(h),
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(h), ...konst(4), I32_ADD, ...get(harmonics), I32_GT_S, BR_IF, 1,
    ...setUp(0, e0), ...setUp(1, e1), ...setUp(2, e2), ...setUp(3, end),
    ...pairs(konst(0), end, accumulate([0, 1, 2, 3])),
    // the tails start at the first pair the pass above did not touch: (end + 8) & ~15
    ...[0, 1, 2].flatMap((k) => pairs([...get(end), ...konst(8), I32_ADD, ...konst(-16), I32_AND], e[k], accumulate([k]))),
    ...get(h), ...konst(4), I32_ADD, ...set(h),
    BR, 0, END, END,
    // the remaining harmonics one at a time
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(h), ...get(harmonics), I32_GE_S, BR_IF, 1,
    ...setUp(0, e0),
    ...pairs(konst(0), e0, accumulate([0])),
    ...get(h), ...konst(1), I32_ADD, ...set(h),
    BR, 0, END, END,
    // total = ss[0] + ... + ss[n - 1]; peaks[found] = i, found += (ss[i - 1] < ss[i] > ss[i + 1]) for i = 1 .. n - 2
    ...get(ss), F64_LOAD, 3, 0, ...set(total),
    ...konst(0), ...set(found),
    ...konst(8), ...set(o),
    ...get(n8), ...konst(-8), I32_ADD, ...set(end),
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(o), ...get(end), I32_GE_S, BR_IF, 1,
    ...at(ss), F64_LOAD, 3, 0, ...set(here),
    ...get(total), ...get(here), F64_ADD, ...set(total),
    ...get(peaks), ...get(found), ...konst(2), I32_SHL, I32_ADD,
    ...get(o), ...konst(3), I32_SHR_U,
    I32_STORE, 2, 0,
    ...at(ss), ...konst(-8), I32_ADD, F64_LOAD, 3, 0, ...get(here), F64_LT,
    ...get(here), ...at(ss), F64_LOAD, 3, 8, F64_GT,
    I32_AND, ...get(found), I32_ADD, ...set(found),
    ...get(o), ...konst(8), I32_ADD, ...set(o),
    BR, 0, END, END,
    // n > 1 here (the kernel needs a shift below n): the last point
    ...get(result),
    ...get(total), ...get(ss), ...get(end), I32_ADD, F64_LOAD, 3, 0, F64_ADD,
    F64_STORE, 3, 0,
    ...get(result), ...get(found), I32_STORE, 2, 8,
    END,
  ];
  return oneFunctionModule('sum', [I32, I32, I32, I32, I32, I32, I32, I32], body);
}

type SumRun = (octave: number, ss: number, n: number, shifts: number, gains: number, harmonics: number, peaks: number, result: number) => void;

const arenas: KernelArenas<SumRun> = {};
const setups = new Map<string, HarmonicSumKernel | null>();

/**
 * The kernel for spectra of n points and these shifts and gains, in a region of the thread's kernel memory shared
 * by every SubharmonicSummation of that configuration, or null when the engine has no WebAssembly SIMD (or a
 * shift reaches past the spectrum): `input` is where the octave spectrum goes (n points); `sum()` fills `output`
 * (n points), `peaks` (the first `peakCount` entries) and `total`, read within the same synchronous call.
 */
export class HarmonicSumKernel {
  readonly input: Float64Array;
  readonly output: Float64Array;
  /** Indices of the local peaks of output, ascending (peakCount of them). */
  readonly peaks: Int32Array;
  private readonly totalSlot: Float64Array;
  private readonly countSlot: Int32Array;

  private constructor(
    private readonly run: SumRun,
    buffer: ArrayBuffer,
    private readonly n: number,
    private readonly harmonics: number,
    private readonly at: { readonly input: number; readonly output: number; readonly shifts: number; readonly gains: number; readonly peaks: number; readonly result: number },
  ) {
    this.input = new Float64Array(buffer, at.input, n);
    this.output = new Float64Array(buffer, at.output, n);
    this.peaks = new Int32Array(buffer, at.peaks, n);
    this.totalSlot = new Float64Array(buffer, at.result, 1);
    this.countSlot = new Int32Array(buffer, at.result + 8, 1);
  }

  static create(n: number, shifts: Int32Array, gains: Float64Array): HarmonicSumKernel | null {
    const harmonics = shifts.length;
    if (harmonics === 0 || shifts[harmonics - 1] >= n) return null;
    for (let h = 1; h < harmonics; h++) if (shifts[h] < shifts[h - 1]) return null;
    const key = `${n}:${shifts.join()}:${gains.join()}`;
    const known = setups.get(key);
    if (known !== undefined) return known;
    // layout: input and output (n + 2 doubles each), gains, shifts, result (total, count), peaks
    const padded = 8 * (n + 2);
    const shiftsBytes = 8 * Math.ceil(harmonics / 2);
    const region = kernelRegion(arenas, kernelModule, 'sum', 2 * padded + 8 * harmonics + shiftsBytes + 16 + 4 * n);
    if (!region) {
      setups.set(key, null);
      return null;
    }
    const base = region.offset;
    const gainsAt = base + 2 * padded;
    const shiftsAt = gainsAt + 8 * harmonics;
    const resultAt = shiftsAt + shiftsBytes;
    const at = { input: base, output: base + padded, gains: gainsAt, shifts: shiftsAt, result: resultAt, peaks: resultAt + 16 };
    new Float64Array(region.buffer, at.gains, harmonics).set(gains);
    const byteShifts = new Int32Array(region.buffer, at.shifts, harmonics);
    for (let h = 0; h < harmonics; h++) byteShifts[h] = 8 * shifts[h];
    const kernel = new HarmonicSumKernel(region.run, region.buffer, n, harmonics, at);
    setups.set(key, kernel);
    return kernel;
  }

  /** output[j] = sum over h of input[j + shift_h] gain_h; then its peaks and total. */
  sum(): void {
    const { at } = this;
    this.run(at.input, at.output, this.n, at.shifts, at.gains, this.harmonics, at.peaks, at.result);
  }

  /** output[0] + output[1] + ... + output[n - 1], added in that order. */
  get total(): number {
    return this.totalSlot[0];
  }

  get peakCount(): number {
    return this.countSlot[0];
  }
}
