/**
 * What the feature sets' WebAssembly SIMD kernels are assembled with (their instructions are written out in
 * code: no toolchain, no binary in the tree): LEB128 numbers, sections and vectors of the binary format, a
 * one-function module importing its memory, and the part of the WebAssembly API the kernels use. SIMD lanes
 * are IEEE operations without fusion, so a kernel that keeps each lane's order of operations gives the same
 * bits as its scalar loop (each kernel keeps that loop for engines without WebAssembly SIMD).
 */

/** Unsigned LEB128. */
export function leb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const wasmSection = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
export const wasmVector = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const wasmName = (s: string): number[] => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/**
 * A module of one function `exportName` with these parameter types (no results) and `body` (its locals
 * vector and instructions, ending in `end`), importing its memory as env.memory.
 */
export function oneFunctionModule(exportName: string, parameters: readonly number[], body: readonly number[]): Uint8Array {
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...wasmSection(1, wasmVector([[0x60, ...wasmVector(parameters.map((p) => [p])), 0]])),
    ...wasmSection(2, wasmVector([[...wasmName('env'), ...wasmName('memory'), 0x02, 0x00, 0x01]])),
    ...wasmSection(3, wasmVector([[0]])),
    ...wasmSection(7, wasmVector([[...wasmName(exportName), 0x00, 0]])),
    ...wasmSection(10, wasmVector([[...leb(body.length), ...body]])),
  ];
  return Uint8Array.from(bytes);
}

/** The part of the WebAssembly API used here (the project's TypeScript lib has no WebAssembly declarations). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** Bytes of a WebAssembly memory page. */
export const WASM_PAGE = 65536;

/**
 * A kernel module compiled once (`assemble` runs on first use), instantiated over a new memory of `pages`
 * pages: its export `exportName` and the memory, or null when this engine has no WebAssembly (SIMD).
 */
export function wasmKernel<F>(cache: { compiled?: object | null }, assemble: () => Uint8Array, exportName: string, pages: number): { memory: WasmMemory; run: F } | null {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return null;
  if (cache.compiled === undefined) {
    try {
      cache.compiled = new wasm.Module(assemble());
    } catch {
      cache.compiled = null;
    }
  }
  if (!cache.compiled) return null;
  const memory = new wasm.Memory({ initial: pages });
  const instance = new wasm.Instance(cache.compiled, { env: { memory } });
  return { memory, run: instance.exports[exportName] as F };
}
