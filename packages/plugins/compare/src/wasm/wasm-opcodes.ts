import { leb } from './wasm-module';

/**
 * The WebAssembly value types and instructions the SIMD kernels are assembled from (the binary format's
 * opcodes; SIMD ones are the 0xfd prefix and their LEB128 index). One table for every kernel, so none keeps
 * its own copy of the numbers.
 */
const SIMD = 0xfd;
const simd = (index: number): number[] => [SIMD, ...leb(index)];

export const WASM_OP = {
  // value and block types
  I32: 0x7f,
  I64: 0x7e,
  F64: 0x7c,
  V128: 0x7b,
  EMPTY: 0x40,
  // control
  BLOCK: 0x02,
  LOOP: 0x03,
  IF: 0x04,
  ELSE: 0x05,
  BR: 0x0c,
  BR_IF: 0x0d,
  END: 0x0b,
  SELECT: 0x1b,
  // locals and constants
  LOCAL_GET: 0x20,
  LOCAL_SET: 0x21,
  I32_CONST: 0x41,
  // i32
  I32_EQZ: 0x45,
  I32_EQ: 0x46,
  I32_LT_S: 0x48,
  I32_LT_U: 0x49,
  I32_GT_S: 0x4a,
  I32_LE_S: 0x4c,
  I32_GE_S: 0x4e,
  I32_ADD: 0x6a,
  I32_SUB: 0x6b,
  I32_AND: 0x71,
  I32_OR: 0x72,
  I32_SHL: 0x74,
  I32_SHR_U: 0x76,
  // memory
  I32_LOAD: 0x28,
  F32_LOAD: 0x2a,
  F64_LOAD: 0x2b,
  I32_STORE: 0x36,
  F64_STORE: 0x39,
  // f64
  F64_CONST: 0x44,
  F64_EQ: 0x61,
  F64_LT: 0x63,
  F64_GT: 0x64,
  F64_LE: 0x65,
  F64_GE: 0x66,
  F64_ABS: 0x99,
  F64_NEG: 0x9a,
  F64_SQRT: 0x9f,
  F64_ADD: 0xa0,
  F64_SUB: 0xa1,
  F64_MUL: 0xa2,
  F64_DIV: 0xa3,
  F64_CONVERT_I32_S: 0xb7,
  // i64
  I64_ADD: 0x7c,
  I32_WRAP_I64: 0xa7,
  // SIMD
  V128_LOAD: simd(0x00),
  V128_LOAD64_SPLAT: simd(0x0a),
  V128_CONST: simd(0x0c),
  I8X16_SHUFFLE: simd(0x0d),
  V128_STORE: simd(0x0b),
  F32X4_SPLAT: simd(0x13),
  F64X2_SPLAT: simd(0x14),
  I64X2_EXTRACT_LANE: simd(0x1d),
  F64X2_EXTRACT_LANE: simd(0x21),
  F64X2_REPLACE_LANE: simd(0x22),
  F64X2_EQ: simd(0x47),
  F64X2_LT: simd(0x49),
  F64X2_LE: simd(0x4b),
  V128_AND: simd(0x4e),
  V128_OR: simd(0x50),
  I64X2_SUB: simd(0xd1),
  F32X4_ADD: simd(0xe4),
  F32X4_MUL: simd(0xe6),
  F64X2_SQRT: simd(0xef),
  F64X2_ADD: simd(0xf0),
  F64X2_SUB: simd(0xf1),
  F64X2_MUL: simd(0xf2),
} as const;
