import { oneFunctionModule, sleb, WASM_PAGE, wasmKernel, wasmVector } from '../wasm/wasm-module';
import { WASM_OP } from '../wasm/wasm-opcodes';

/**
 * Subharmonic summation's sum, ss[j] = sum over h of octave[j + shift_h] x gain_h (terms added in the order of
 * h), in a WebAssembly SIMD kernel: two points j side by side in the f64x2 lanes, four harmonics per pass over ss
 * as in SubharmonicSummation's scalar loop. Every lane runs the scalar operations in their order (IEEE double,
 * no fusion), so the sums are bit-identical. A pair may reach one point past a harmonic's last one: it reads the
 * zero after the spectrum (octave[n], kept 0) and adds +0 to a sum of non-negative terms, which leaves it as it is.
 *
 *   sum(octave, ss, n, shifts, gains, harmonics): byte offsets into the imported memory; octave and ss hold n + 2
 *   doubles (octave[n], octave[n + 1] zero), shifts are i32 byte offsets 8 shift_h (ascending, below 8 n), gains
 *   f64. Writes ss[0 .. n] (ss[n] gets 0 plus zeros).
 */

const { I32, V128, BLOCK, LOOP, BR, BR_IF, END, EMPTY, LOCAL_GET, LOCAL_SET, I32_CONST, I32_ADD, I32_SUB, I32_AND, I32_SHL, I32_GT_S, I32_GE_S, I32_LOAD, F64_LOAD, V128_LOAD, V128_STORE, F64X2_SPLAT, F64X2_ADD, F64X2_MUL } = WASM_OP;

function kernelModule(): Uint8Array {
  const [octave, ss, n, shifts, gains, harmonics] = [0, 1, 2, 3, 4, 5];
  // i32 locals: h, o (byte offset 8 j), n8 (8 n), end (of the pass over all four), e0..e2 (of the tails), q0..q3 (octave + shift)
  const [h, o, n8, end, e0, e1, e2, q0, q1, q2, q3] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
  const g = [17, 18, 19, 20]; // v128 gains
  const q = [q0, q1, q2, q3];
  const e = [e0, e1, e2];
  const get = (l: number) => [LOCAL_GET, l];
  const set = (l: number) => [LOCAL_SET, l];
  const konst = (v: number) => [I32_CONST, ...sleb(v)];
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
    END,
  ];
  return oneFunctionModule('sum', [I32, I32, I32, I32, I32, I32], body);
}

type SumRun = (octave: number, ss: number, n: number, shifts: number, gains: number, harmonics: number) => void;

const compiled: { compiled?: object | null } = {};

/**
 * The kernel over its own memory for spectra of n points and these shifts and gains, or null when the engine
 * has no WebAssembly SIMD (or a shift reaches past the spectrum): `input` is where the octave spectrum goes
 * (n points), `sum()` fills `output` (n points).
 */
export class HarmonicSumKernel {
  readonly input: Float64Array;
  readonly output: Float64Array;

  private constructor(
    private readonly run: SumRun,
    memory: { buffer: ArrayBuffer },
    private readonly n: number,
    private readonly harmonics: number,
    private readonly layout: { readonly output: number; readonly shifts: number; readonly gains: number },
  ) {
    this.input = new Float64Array(memory.buffer, 0, n);
    this.output = new Float64Array(memory.buffer, layout.output, n);
  }

  static create(n: number, shifts: Int32Array, gains: Float64Array): HarmonicSumKernel | null {
    const harmonics = shifts.length;
    if (harmonics === 0 || shifts[harmonics - 1] >= n) return null;
    for (let h = 1; h < harmonics; h++) if (shifts[h] < shifts[h - 1]) return null;
    const padded = 8 * (n + 2);
    const layout = { output: padded, gains: 2 * padded, shifts: 2 * padded + 8 * harmonics };
    const pages = Math.ceil((layout.shifts + 4 * harmonics) / WASM_PAGE);
    const kernel = wasmKernel<SumRun>(compiled, kernelModule, 'sum', pages);
    if (!kernel) return null;
    new Float64Array(kernel.memory.buffer, layout.gains, harmonics).set(gains);
    const byteShifts = new Int32Array(kernel.memory.buffer, layout.shifts, harmonics);
    for (let h = 0; h < harmonics; h++) byteShifts[h] = 8 * shifts[h];
    return new HarmonicSumKernel(kernel.run, kernel.memory, n, harmonics, layout);
  }

  /** output[j] = sum over h of input[j + shift_h] gain_h. */
  sum(): void {
    this.run(0, this.layout.output, this.n, this.layout.shifts, this.layout.gains, this.harmonics);
  }
}
