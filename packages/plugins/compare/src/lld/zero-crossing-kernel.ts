import { kernelRegion, oneFunctionModule, wasmVector, type KernelArenas } from '../wasm/wasm-module';
import { WASM_OP } from '../wasm/wasm-opcodes';
import { WASM_CODE } from '../wasm/wasm-code';
import { zeroCrossingRate } from './energy';

/**
 * zeroCrossingRate's count in a WebAssembly SIMD kernel, two samples per f64x2: sample i crosses when
 * x[i-1] x[i] < 0, or x[i] = 0 and x[i-1] x[i+1] <= 0 (the same double products and comparisons), counted as
 * lane masks; an integer count, so the rate is exactly the scalar one.
 *
 *   crossings(x, n, out): x the frame (n doubles) and out (one i32) byte offsets into the imported memory; n >= 3.
 */

const { I32, V128, BLOCK, LOOP, BR, BR_IF, END, EMPTY, IF, I32_ADD, I32_SHL, I32_AND, I32_OR, I32_EQ, I32_GE_S, I32_STORE, F64_LOAD, F64_CONST, F64_MUL, F64_LT, F64_EQ, F64_LE, V128_LOAD, F64X2_SPLAT, F64X2_MUL, F64X2_LT, F64X2_EQ, F64X2_LE, V128_AND, V128_OR, I64X2_SUB, I64X2_EXTRACT_LANE, I64_ADD, I32_WRAP_I64 } = WASM_OP;

function kernelModule(): Uint8Array {
  const { get, set, konst } = WASM_CODE;
  const [x, n, out] = [0, 1, 2];
  const [o, limit, count] = [3, 4, 5]; // i32
  const [acc, zero, previous, current] = [6, 7, 8, 9]; // v128
  // x[i + k] for k = -1, 0, 1 (o = 8 i): from x + o - 8 with offset 8 (k + 1), memory offsets being unsigned
  const at = (k: number) => [...get(x), ...get(o), I32_ADD, ...konst(-8), I32_ADD, ...V128_LOAD, 3, 8 * (k + 1)];
  const scalar = (k: number) => [...get(x), ...get(o), I32_ADD, ...konst(-8), I32_ADD, F64_LOAD, 3, 8 * (k + 1)];
  const f64Zero = [F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0];
  // acc - mask (mask lanes are -1 or 0): written out in order below
  const pairsBody = [
    ...get(acc),
    ...get(previous), ...get(current), ...F64X2_MUL, ...get(zero), ...F64X2_LT,
    ...get(current), ...get(zero), ...F64X2_EQ,
    ...get(previous), ...at(1), ...F64X2_MUL, ...get(zero), ...F64X2_LE,
    ...V128_AND, ...V128_OR,
    ...I64X2_SUB, ...set(acc),
  ];
  const code = [
    ...wasmVector([
      [3, I32],
      [4, V128],
    ]),
    ...f64Zero, ...F64X2_SPLAT, ...set(zero),
    ...get(zero), ...set(acc),
    ...get(n), ...konst(3), I32_SHL, ...konst(-16), I32_ADD, ...set(limit),
    ...konst(8), ...set(o),
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(o), ...get(limit), I32_GE_S, BR_IF, 1,
    ...at(-1), ...set(previous),
    ...at(0), ...set(current),
    ...pairsBody,
    ...get(o), ...konst(16), I32_ADD, ...set(o),
    BR, 0, END, END,
    // count = both lanes
    ...get(acc), ...I64X2_EXTRACT_LANE, 0, ...get(acc), ...I64X2_EXTRACT_LANE, 1, I64_ADD, I32_WRAP_I64, ...set(count),
    // an odd number of tested samples leaves the last one, n - 2
    ...get(o), ...get(limit), I32_EQ, IF, EMPTY,
    ...scalar(-1), ...scalar(0), F64_MUL, ...f64Zero, F64_LT,
    ...scalar(0), ...f64Zero, F64_EQ,
    ...scalar(-1), ...scalar(1), F64_MUL, ...f64Zero, F64_LE,
    I32_AND, I32_OR, ...get(count), I32_ADD, ...set(count),
    END,
    ...get(out), ...get(count), I32_STORE, 2, 0,
    END,
  ];
  return oneFunctionModule('crossings', [I32, I32, I32], code);
}

type CrossingsRun = (x: number, n: number, out: number) => void;

const arenas: KernelArenas<CrossingsRun> = {};
const setups = new Map<number, { readonly run: CrossingsRun; readonly frame: Float64Array; readonly count: Int32Array; readonly at: number } | null>();

/**
 * A frame buffer of `length` samples and its zero-crossing rate (zeroCrossingRate's, by the kernel where there is
 * one). With the kernel the buffer is the thread's region for that length, shared by every ZeroCrossings of it:
 * fill it and take the rate within one synchronous call.
 */
export class ZeroCrossings {
  readonly frame: Float64Array;
  private readonly setup: { readonly run: CrossingsRun; readonly frame: Float64Array; readonly count: Int32Array; readonly at: number } | null = null;

  constructor(length: number, useWasm = true) {
    if (useWasm && length >= 3) {
      let setup = setups.get(length);
      if (setup === undefined) {
        const region = kernelRegion(arenas, kernelModule, 'crossings', 8 * length + 8);
        setup = region ? { run: region.run, frame: new Float64Array(region.buffer, region.offset, length), count: new Int32Array(region.buffer, region.offset + 8 * length, 1), at: region.offset } : null;
        setups.set(length, setup);
      }
      this.setup = setup;
    }
    this.frame = this.setup ? this.setup.frame : new Float64Array(length);
  }

  /** Whether the WebAssembly kernel counts. */
  get wasm(): boolean {
    return this.setup !== null;
  }

  /** zeroCrossingRate(frame). */
  rate(): number {
    const setup = this.setup;
    if (!setup) return zeroCrossingRate(this.frame);
    const n = this.frame.length;
    setup.run(setup.at, n, setup.at + 8 * n);
    return setup.count[0] / n;
  }
}
