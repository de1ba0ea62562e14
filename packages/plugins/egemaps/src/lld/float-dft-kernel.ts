/**
 * The inner loop of cSpecResample's inverse DFT in single precision, four outputs at a time: for every bin k in
 * turn, sums[i] = (sums[i] + re_k cos[k][i]) + im_k sin[k][i], each product and sum rounded to float. WebAssembly
 * SIMD lanes are IEEE single-precision operations without fusion, so this is bit-identical to the scalar
 * Math.fround loop (formants.ts keeps that loop for engines without WebAssembly SIMD), at a fraction of its cost.
 *
 * The module is assembled here from its instructions (a few dozen bytes; no toolchain, no binary in the tree;
 * compare's wasm-module.ts):
 *   kernel(x, cos, sin, sums, lanes, bins): byte offsets into the imported memory; lanes = outputs rounded up to
 *   a multiple of 4 (the tables are padded with zeros to that width); x holds re_k, im_k at x + 8 k (k >= 1).
 */

import { oneFunctionModule, WASM_CODE, WASM_OP, wasmKernel, wasmVector as vector, type WasmMemory } from '../compare-building-blocks';

const { I32, I32_ADD, I32_LT_U, I32_SHL, F32_LOAD, BLOCK, LOOP, BR_IF, BR, END, EMPTY, I32_EQZ, V128_LOAD, V128_STORE, F32X4_SPLAT, F32X4_ADD, F32X4_MUL, V128 } = WASM_OP;

function kernelModule(): Uint8Array {
  const { get, set, konst } = WASM_CODE;
  // params 0 x, 1 cos, 2 sin, 3 sums, 4 lanes, 5 bins; locals 6 k, 7 i, 8 row (byte offset of table row), 9 p;
  // 10 re4, 11 im4 (v128)
  const [x, cos, sin, sums, lanes, bins, k, i, row, p, re, im] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const memarg = (align: number) => [align, 0];
  const body = [
    ...vector([
      [4, I32],
      [2, V128],
    ]),
    // row = 0; k = 1
    ...konst(0), ...set(row),
    ...konst(1), ...set(k),
    BLOCK, EMPTY,
    LOOP, EMPTY,
    // if !(k - 1 < bins) break   (k runs 1 .. bins)
    ...get(k), ...konst(-1), I32_ADD, ...get(bins), I32_LT_U, I32_EQZ, BR_IF, 1,
    // re4 = splat(x[2k]), im4 = splat(x[2k + 1]); p = x + 8k
    ...get(k), ...konst(3), I32_SHL, ...get(x), I32_ADD, ...set(p),
    ...get(p), F32_LOAD, ...memarg(2), ...F32X4_SPLAT, ...set(re),
    ...get(p), F32_LOAD, 2, 4, ...F32X4_SPLAT, ...set(im),
    // i = 0 (byte offset into sums and the row)
    ...konst(0), ...set(i),
    BLOCK, EMPTY,
    LOOP, EMPTY,
    ...get(i), ...get(lanes), ...konst(2), I32_SHL, I32_LT_U, I32_EQZ, BR_IF, 1,
    // address of sums[i]
    ...get(sums), ...get(i), I32_ADD,
    // (sums[i] + re4 * cos[row + i]) + im4 * sin[row + i]
    ...get(sums), ...get(i), I32_ADD, ...V128_LOAD, ...memarg(4),
    ...get(re), ...get(cos), ...get(row), I32_ADD, ...get(i), I32_ADD, ...V128_LOAD, ...memarg(4), ...F32X4_MUL,
    ...F32X4_ADD,
    ...get(im), ...get(sin), ...get(row), I32_ADD, ...get(i), I32_ADD, ...V128_LOAD, ...memarg(4), ...F32X4_MUL,
    ...F32X4_ADD,
    ...V128_STORE, ...memarg(4),
    ...get(i), ...konst(16), I32_ADD, ...set(i),
    BR, 0,
    END, END,
    // next bin: row += 4 x lanes bytes, k++
    ...get(row), ...get(lanes), ...konst(2), I32_SHL, I32_ADD, ...set(row),
    ...get(k), ...konst(1), I32_ADD, ...set(k),
    BR, 0,
    END, END,
    END,
  ];
  return oneFunctionModule('kernel', [I32, I32, I32, I32, I32, I32], body);
}

export type FloatDftRun = (x: number, cos: number, sin: number, sums: number, lanes: number, bins: number) => void;

const compiled: { compiled?: object | null } = {};

/** The kernel over its own memory of at least `bytes` bytes, or null when this engine has no WebAssembly SIMD. */
export function createFloatDftKernel(bytes: number): { memory: WasmMemory; run: FloatDftRun } | null {
  return wasmKernel<FloatDftRun>(compiled, kernelModule, 'kernel', Math.ceil(bytes / 65536));
}
