import { dsp } from '@emotrans/core';
import { oneFunctionModule, sleb, WASM_PAGE, wasmKernel, wasmVector } from '../wasm/wasm-module';
import { WASM_OP } from '../wasm/wasm-opcodes';

/**
 * The windowed magnitude and power spectrum of one frame (dsp.SpectrumAnalyser's, bit for bit) in a WebAssembly
 * kernel: the frame times the window, zero-padded to the FFT size, the real FFT of fft.js (the core's FFT) with
 * its exact sequence of operations (its radix-2 or radix-4 first pass over the bit-reversed input, then the
 * radix-4 passes that compute half of each butterfly group and mirror the other half; its multiplications by
 * inv = 1 are left out, as they change nothing), then |X_k|^2 and its square root. IEEE doubles without fusion
 * give the same bits as the JavaScript; the kernel only saves the engine's bounds checks and property loads.
 *
 *   spectrum(frame, window, frameLength, fftSize, data, out, table, bitrev, stride, radix4, firstLen, firstStep,
 *   power, magnitude): byte offsets into the imported memory except frameLength, fftSize (counts), radix4 (0/1:
 *   the first pass), and stride, firstLen, firstStep (fft.js's first-pass input stride and its first radix-4
 *   pass's group length and twiddle step, all x 8 bytes). table holds fft.js's twiddles (cos, -sin), bitrev the
 *   first pass's input offsets in bytes.
 */

const { I32, F64, BLOCK, LOOP, IF, BR, BR_IF, END, EMPTY, LOCAL_GET, LOCAL_SET, I32_CONST, I32_ADD, I32_SUB, I32_SHL, I32_SHR_U, I32_EQZ, I32_EQ, I32_GT_S, I32_LT_U, I32_GE_S, I32_LOAD, F64_LOAD, F64_STORE, F64_CONST, F64_NEG, F64_SQRT, F64_ADD, F64_SUB, F64_MUL } = WASM_OP;

function kernelModule(): Uint8Array {
  // parameters
  const [frame, window, frameLength, fftSize, data, out, table, bitrev, stride, radix4, firstLen, firstStep, power, magnitude] = Array.from({ length: 14 }, (_, k) => k);
  // i32 locals
  const [o, e, t, base, i, kb, A, B, C, D, len, S, qL, hL, hqL, size] = Array.from({ length: 16 }, (_, k) => 14 + k);
  // f64 locals
  const [Ar, Ai, Br, Bi, Cr, Ci, Dr, Di, tr, ti, MBr, MBi, MCr, MCi, MDr, MDi, T0r, T0i, T1r, T1i, T2r, T2i, T3r, T3i] = Array.from({ length: 24 }, (_, k) => 30 + k);
  const get = (l: number) => [LOCAL_GET, l];
  const set = (l: number) => [LOCAL_SET, l];
  const konst = (v: number) => [I32_CONST, ...sleb(v)];
  const zero = [F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0];
  const add = (a: number, b: number) => [...get(a), ...get(b), I32_ADD];
  const load = (address: number[], offset = 0) => [...address, F64_LOAD, 3, ...sleb(offset)];
  const store = (address: number[], value: number[], offset = 0) => [...address, ...value, F64_STORE, 3, ...sleb(offset)];
  const f = (op: number, a: number, b: number) => [...get(a), ...get(b), op];
  // while (!(exit)) { body }
  const loopUntil = (exit: number[], body: number[]) => [BLOCK, EMPTY, LOOP, EMPTY, ...exit, BR_IF, 1, ...body, BR, 0, END, END];
  // complex product (re, im) of (xr, xi) and twiddle (tr, ti): xr tr - xi ti, xr ti + xi tr
  const twiddle = (xr: number, xi: number, at: number[], outR: number, outI: number) => [
    ...load(at), ...set(tr),
    ...load(at, 8), ...set(ti),
    ...f(F64_MUL, xr, tr), ...f(F64_MUL, xi, ti), F64_SUB, ...set(outR),
    ...f(F64_MUL, xr, ti), ...f(F64_MUL, xi, tr), F64_ADD, ...set(outI),
  ];
  const body = [
    ...wasmVector([
      [16, I32],
      [24, F64],
    ]),
    // data = frame x window, zero-padded
    ...konst(0), ...set(o),
    ...get(frameLength), ...konst(3), I32_SHL, ...set(e),
    ...loopUntil(f(I32_GE_S, o, e), [
      ...store(add(data, o), [...load(add(frame, o)), ...load(add(window, o)), F64_MUL]),
      ...get(o), ...konst(8), I32_ADD, ...set(o),
    ]),
    ...get(fftSize), ...konst(3), I32_SHL, ...set(e),
    ...loopUntil(f(I32_GE_S, o, e), [...store(add(data, o), zero), ...get(o), ...konst(8), I32_ADD, ...set(o)]),
    // size = 16 fftSize: the complex output's bytes
    ...get(fftSize), ...konst(4), I32_SHL, ...set(size),
    // first pass, over bitrev's offsets: t walks bitrev, base the output
    ...get(bitrev), ...set(t),
    ...get(out), ...set(base),
    ...get(out), ...get(size), I32_ADD, ...set(e),
    ...get(radix4), IF, EMPTY,
    ...loopUntil(f(I32_GE_S, base, e), [
      // A..D = data[off + 0..3 stride]
      ...get(data), ...get(t), I32_LOAD, 2, 0, I32_ADD, ...set(o),
      ...load(get(o)), ...set(Ar),
      ...load(add(o, stride)), ...set(Br),
      ...get(o), ...get(stride), I32_ADD, ...get(stride), I32_ADD, ...set(o),
      ...load(get(o)), ...set(Cr),
      ...load(add(o, stride)), ...set(Dr),
      ...f(F64_ADD, Ar, Cr), ...set(T0r),
      ...f(F64_SUB, Ar, Cr), ...set(T1r),
      ...f(F64_ADD, Br, Dr), ...set(T2r),
      ...f(F64_SUB, Br, Dr), ...set(T3r),
      ...store(get(base), f(F64_ADD, T0r, T2r)),
      ...store(get(base), zero, 8),
      ...store(get(base), get(T1r), 16),
      ...store(get(base), [...get(T3r), F64_NEG], 24),
      ...store(get(base), f(F64_SUB, T0r, T2r), 32),
      ...store(get(base), zero, 40),
      ...store(get(base), get(T1r), 48),
      ...store(get(base), get(T3r), 56),
      ...get(t), ...konst(4), I32_ADD, ...set(t),
      ...get(base), ...konst(64), I32_ADD, ...set(base),
    ]),
    WASM_OP.ELSE,
    ...loopUntil(f(I32_GE_S, base, e), [
      ...get(data), ...get(t), I32_LOAD, 2, 0, I32_ADD, ...set(o),
      ...load(get(o)), ...set(Ar),
      ...load(add(o, stride)), ...set(Br),
      ...store(get(base), f(F64_ADD, Ar, Br)),
      ...store(get(base), zero, 8),
      ...store(get(base), f(F64_SUB, Ar, Br), 16),
      ...store(get(base), zero, 24),
      ...get(t), ...konst(4), I32_ADD, ...set(t),
      ...get(base), ...konst(32), I32_ADD, ...set(base),
    ]),
    END,
    // radix-4 passes: len (group length) x 4 and S (twiddle step) / 4 each pass, while the step is >= 2 (16 bytes)
    ...get(firstLen), ...set(len),
    ...get(firstStep), ...set(S),
    ...loopUntil([...get(S), ...konst(16), I32_LT_U], [
      ...get(len), ...konst(1), I32_SHR_U, ...set(hL),
      ...get(len), ...konst(2), I32_SHR_U, ...set(qL),
      ...get(len), ...konst(3), I32_SHR_U, ...set(hqL),
      // groups: base = out + outOff
      ...get(out), ...set(base),
      ...loopUntil(f(I32_GE_S, base, e), [
        ...konst(0), ...set(i),
        ...konst(0), ...set(kb),
        ...loopUntil(f(I32_GT_S, i, hqL), [
          BLOCK, EMPTY,
          ...add(base, i), ...set(A),
          ...add(A, qL), ...set(B),
          ...add(B, qL), ...set(C),
          ...add(C, qL), ...set(D),
          ...load(get(A)), ...set(Ar),
          ...load(get(A), 8), ...set(Ai),
          ...load(get(B)), ...set(Br),
          ...load(get(B), 8), ...set(Bi),
          ...load(get(C)), ...set(Cr),
          ...load(get(C), 8), ...set(Ci),
          ...load(get(D)), ...set(Dr),
          ...load(get(D), 8), ...set(Di),
          ...twiddle(Br, Bi, add(table, kb), MBr, MBi),
          ...twiddle(Cr, Ci, [...get(table), ...get(kb), ...konst(1), I32_SHL, I32_ADD], MCr, MCi),
          ...twiddle(Dr, Di, [...get(table), ...get(kb), ...konst(1), I32_SHL, I32_ADD, ...get(kb), I32_ADD], MDr, MDi),
          ...f(F64_ADD, Ar, MCr), ...set(T0r),
          ...f(F64_ADD, Ai, MCi), ...set(T0i),
          ...f(F64_SUB, Ar, MCr), ...set(T1r),
          ...f(F64_SUB, Ai, MCi), ...set(T1i),
          ...f(F64_ADD, MBr, MDr), ...set(T2r),
          ...f(F64_ADD, MBi, MDi), ...set(T2i),
          ...f(F64_SUB, MBr, MDr), ...set(T3r),
          ...f(F64_SUB, MBi, MDi), ...set(T3i),
          ...store(get(A), f(F64_ADD, T0r, T2r)),
          ...store(get(A), f(F64_ADD, T0i, T2i), 8),
          ...store(get(B), f(F64_ADD, T1r, T3i)),
          ...store(get(B), f(F64_SUB, T1i, T3r), 8),
          // i = 0: the group's middle point; i = hquarterLen: nothing to mirror
          ...get(i), I32_EQZ, IF, EMPTY,
          ...store(get(C), f(F64_SUB, T0r, T2r)),
          ...store(get(C), f(F64_SUB, T0i, T2i), 8),
          BR, 1,
          END,
          ...f(I32_EQ, i, hqL), BR_IF, 0,
          // mirrored: SA = base + quarterLen - i: (T1r + -T3i, -T1i + -T3r); SB = base + halfLen - i: (T0r + -T2r, -T0i - -T2i)
          ...add(base, qL), ...get(i), I32_SUB, ...set(o),
          ...store(get(o), [...get(T1r), ...get(T3i), F64_NEG, F64_ADD]),
          ...store(get(o), [...get(T1i), F64_NEG, ...get(T3r), F64_NEG, F64_ADD], 8),
          ...add(base, hL), ...get(i), I32_SUB, ...set(o),
          ...store(get(o), [...get(T0r), ...get(T2r), F64_NEG, F64_ADD]),
          ...store(get(o), [...get(T0i), F64_NEG, ...get(T2i), F64_NEG, F64_SUB], 8),
          END,
          ...get(i), ...konst(16), I32_ADD, ...set(i),
          ...add(kb, S), ...set(kb),
        ]),
        ...add(base, len), ...set(base),
      ]),
      ...get(len), ...konst(2), I32_SHL, ...set(len),
      ...get(S), ...konst(2), I32_SHR_U, ...set(S),
    ]),
    // power and magnitude of bins 0 .. fftSize / 2
    ...get(out), ...set(base),
    ...get(out), ...get(fftSize), ...konst(3), I32_SHL, I32_ADD, ...konst(16), I32_ADD, ...set(e),
    ...konst(0), ...set(o),
    ...loopUntil(f(I32_GE_S, base, e), [
      ...load(get(base)), ...set(Ar),
      ...load(get(base), 8), ...set(Ai),
      ...f(F64_MUL, Ar, Ar), ...f(F64_MUL, Ai, Ai), F64_ADD, ...set(T0r),
      ...store(add(power, o), get(T0r)),
      ...store(add(magnitude, o), [...get(T0r), F64_SQRT]),
      ...get(o), ...konst(8), I32_ADD, ...set(o),
      ...get(base), ...konst(16), I32_ADD, ...set(base),
    ]),
    END,
  ];
  return oneFunctionModule('spectrum', Array.from({ length: 14 }, () => I32), body);
}

type SpectrumRun = (...args: number[]) => void;

const compiled: { compiled?: object | null } = {};

/**
 * One frame's windowed spectrum at a time, for frames of `window.length` samples zero-padded to `fftSize`:
 * write the frame into `frame`, call `analyse()`, read `magnitude` and `power` (bins 0 .. fftSize / 2). The
 * numbers are dsp.SpectrumAnalyser's; the WebAssembly kernel computes them where the engine has WebAssembly
 * (else the analyser does, on plain arrays). The arrays stay valid for the object's life.
 */
export class FrameSpectrum {
  readonly bins: number;
  readonly frame: Float64Array;
  readonly magnitude: Float64Array;
  readonly power: Float64Array;
  private readonly analyser: dsp.SpectrumAnalyser | null = null;
  private readonly run: (() => void) | null = null;

  constructor(
    readonly fftSize: number,
    private readonly window: Float64Array,
    useWasm = true,
  ) {
    if (fftSize < 2 || dsp.nextPowerOfTwo(fftSize) !== fftSize) throw new Error(`FrameSpectrum: FFT size ${fftSize} is not a power of two >= 2`);
    if (window.length > fftSize) throw new Error(`FrameSpectrum: frame of ${window.length} samples exceeds FFT size ${fftSize}`);
    this.bins = fftSize / 2 + 1;
    const plan = fftPlan(fftSize);
    // layout (bytes): frame, window, data (fftSize), out (2 fftSize), table (2 fftSize), power, magnitude, bitrev
    const length = window.length;
    const at = { frame: 0, window: 8 * length, data: 16 * length };
    const out = at.data + 8 * fftSize;
    const table = out + 16 * fftSize;
    const power = table + 16 * fftSize;
    const magnitude = power + 8 * this.bins;
    const bitrev = magnitude + 8 * this.bins;
    const bytes = bitrev + 4 * plan.bitrev.length;
    const kernel = useWasm ? wasmKernel<SpectrumRun>(compiled, kernelModule, 'spectrum', Math.ceil(bytes / WASM_PAGE)) : null;
    if (kernel) {
      const buffer = kernel.memory.buffer;
      this.frame = new Float64Array(buffer, at.frame, length);
      new Float64Array(buffer, at.window, length).set(window);
      new Float64Array(buffer, table, 2 * fftSize).set(plan.table);
      new Int32Array(buffer, bitrev, plan.bitrev.length).set(plan.bitrev);
      this.power = new Float64Array(buffer, power, this.bins);
      this.magnitude = new Float64Array(buffer, magnitude, this.bins);
      const run = kernel.run;
      const { stride, firstLen, firstStep } = plan;
      const radix4 = plan.radix4 ? 1 : 0;
      this.run = () => run(at.frame, at.window, length, fftSize, at.data, out, table, bitrev, stride, radix4, firstLen, firstStep, power, magnitude);
    } else {
      this.analyser = new dsp.SpectrumAnalyser(fftSize);
      this.frame = new Float64Array(length);
      this.power = new Float64Array(this.bins);
      this.magnitude = new Float64Array(this.bins);
    }
  }

  /** Whether the WebAssembly kernel computes the spectra. */
  get wasm(): boolean {
    return this.run !== null;
  }

  /** The spectrum of `frame` into `magnitude` and `power`. */
  analyse(): void {
    if (this.run) this.run();
    else this.analyser!.analyse(this.frame, this.window, this.magnitude, this.power);
  }
}

/**
 * fft.js's plan for a real transform of `size` points, as its constructor and _realTransform4 set it up: the
 * twiddle table (cos, -sin of pi i / size), the first pass (radix 4 when log2(size) is even) with its input
 * offsets (bit-reversed, in bytes) and stride, and the first radix-4 pass's group length and twiddle step, x 8.
 */
function fftPlan(size: number): { table: Float64Array; bitrev: Int32Array; stride: number; radix4: boolean; firstLen: number; firstStep: number } {
  const table = new Float64Array(2 * size);
  for (let i = 0; i < table.length; i += 2) {
    const angle = (Math.PI * i) / size;
    table[i] = Math.cos(angle);
    table[i + 1] = -Math.sin(angle);
  }
  let power = 0;
  for (let t = 1; size > t; t <<= 1) power++;
  const width = power % 2 === 0 ? power - 1 : power;
  const complexSize = 2 * size;
  const step = 1 << width;
  const len = (complexSize / step) << 1;
  const passes = complexSize / len;
  const bitrev = new Int32Array(passes);
  for (let j = 0; j < passes; j++) {
    let reversed = 0;
    for (let shift = 0; shift < width; shift += 2) reversed |= ((j >>> shift) & 3) << (width - shift - 2);
    bitrev[j] = 8 * (reversed >>> 1);
  }
  const next = step >> 2;
  return { table, bitrev, stride: 8 * (step >>> 1), radix4: len === 8, firstLen: next > 0 ? 8 * ((complexSize / next) << 1) : 0, firstStep: 8 * next };
}
