import { sleb } from './wasm-module';
import { WASM_OP } from './wasm-opcodes';

const { LOCAL_GET, LOCAL_SET, I32_CONST, F64_CONST, BLOCK, LOOP, EMPTY, BR_IF, BR, END } = WASM_OP;

/**
 * The instruction sequences every kernel is written with (beside the opcodes of WASM_OP): one definition, so
 * the kernels differ only in what they compute.
 */
export const WASM_CODE = {
  /** local.get of local `index`. */
  get: (index: number): number[] => [LOCAL_GET, index],
  /** local.set of local `index`. */
  set: (index: number): number[] => [LOCAL_SET, index],
  /** i32.const `value`. */
  konst: (value: number): number[] => [I32_CONST, ...sleb(value)],
  /** f64.const 0. */
  zeroF64: [F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0] as readonly number[],
  /** while (!exit) body: `exit` leaves an i32 on the stack, tested before each pass. */
  loopUntil: (exit: readonly number[], body: readonly number[]): number[] => [BLOCK, EMPTY, LOOP, EMPTY, ...exit, BR_IF, 1, ...body, BR, 0, END, END],
};
