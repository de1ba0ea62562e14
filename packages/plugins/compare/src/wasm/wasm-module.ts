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

/** Pages of one arena of kernelRegion (reserved up front; the engine commits them as they are touched). */
const ARENA_PAGES = 64;

/** The per-thread state of one kernel module for kernelRegion: its current arena and how much of it is used. */
export interface KernelArenas<F> {
  compiled?: object | null;
  arena?: { memory: WasmMemory; run: F; used: number } | null;
}

/**
 * `bytes` (rounded up to 16) of the memory of a kernel module's shared instance in this thread: its exported
 * function, the memory's buffer and the region's byte offset; null when the engine has no WebAssembly (SIMD).
 * Regions are never given back: callers keep one per configuration (the kernels keep no state between calls,
 * and each use is one synchronous call, so objects of one configuration can share it). All regions of an arena
 * share one exported function, so the code that calls it, optimised on one file, stays valid on the next (a new
 * instance per object would be a new call target each time, which deoptimises its callers). A full arena is
 * followed by a new one (of the region's size if that is larger); the memory never grows, so views stay valid.
 */
export function kernelRegion<F>(arenas: KernelArenas<F>, assemble: () => Uint8Array, exportName: string, bytes: number): { run: F; buffer: ArrayBuffer; offset: number } | null {
  const size = Math.ceil(bytes / 16) * 16;
  let arena = arenas.arena;
  if (arena === null) return null;
  if (!arena || arena.used + size > arena.memory.buffer.byteLength) {
    const kernel = wasmKernel<F>(arenas, assemble, exportName, Math.max(ARENA_PAGES, Math.ceil(size / WASM_PAGE)));
    if (!kernel) {
      arenas.arena = null;
      return null;
    }
    arena = arenas.arena = { ...kernel, used: 0 };
  }
  const offset = arena.used;
  arena.used += size;
  return { run: arena.run, buffer: arena.memory.buffer, offset };
}

/** A string that equals another exactly when the doubles do, bit for bit (for keys of kernel configurations). */
export function bitsKey(values: Float64Array): string {
  const words = new Uint16Array(values.buffer, values.byteOffset, 4 * values.length);
  let key = '';
  for (let i = 0; i < words.length; i += 4096) key += String.fromCharCode(...words.subarray(i, i + 4096));
  return key;
}
