import { dsp } from '@emotrans/core';
import { bitsKey, kernelRegion, oneFunctionModule, sleb, wasmVector, type KernelArenas } from '../wasm/wasm-module';
import { WASM_OP } from '../wasm/wasm-opcodes';
import { WASM_CODE } from '../wasm/wasm-code';

/**
 * The windowed magnitude and power spectrum of one frame (dsp.SpectrumAnalyser's, bit for bit) in a WebAssembly
 * SIMD kernel: the frame times the window, zero-padded to the FFT size, the real FFT of fft.js (the core's FFT)
 * with its exact sequence of operations (its radix-2 or radix-4 first pass over the bit-reversed input, then the
 * radix-4 passes that compute half of each butterfly group and mirror the other half; its multiplications by
 * inv = 1 are left out, as they change nothing), then |X_k|^2 and its square root. The radix-4 passes hold a
 * complex value in one f64x2 (re, im) and the spectra take two bins per f64x2; each lane runs fft.js's operation
 * on the same operands (a - b as a + -b, a negation as x -1, which IEEE defines alike), without fusion, so the bits
 * are those of the JavaScript.
 *
 *   spectrum(frame, window, frameLength, fftSize, data, out, table, bitrev, stride, radix4, firstLen, firstStep,
 *   power, magnitude): byte offsets into the imported memory except frameLength, fftSize (counts), radix4 (0/1:
 *   the first pass), and stride, firstLen, firstStep (fft.js's first-pass input stride and its first radix-4
 *   pass's group length and twiddle step, all x 8 bytes). table holds fft.js's twiddles as pairs (tr, ti, -ti, tr)
 *   per even index, bitrev the first pass's input offsets in bytes.
 */

const lanes = (...bytes: number[]) => bytes;
/** i8x16.shuffle lane bytes: swap the two f64 lanes; the first (even) and second (odd) lanes of two vectors. */
const SWAP = lanes(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
const EVEN = lanes(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
const ODD = lanes(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
const f64Bytes = (v: number): number[] => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v, true);
  return Array.from(new Uint8Array(view.buffer));
};

const { I32, F64, V128, V128_LOAD, V128_STORE, V128_CONST, V128_LOAD64_SPLAT, I8X16_SHUFFLE, F64X2_ADD, F64X2_SUB, F64X2_MUL, F64X2_SQRT, BLOCK, IF, BR, BR_IF, END, EMPTY, I32_ADD, I32_SUB, I32_SHL, I32_SHR_U, I32_EQZ, I32_EQ, I32_GT_S, I32_LT_U, I32_GE_S, I32_LOAD, F64_LOAD, F64_STORE, F64_NEG, F64_ADD, F64_SUB, F64_MUL } = WASM_OP;

function kernelModule(): Uint8Array {
  const { get, set, konst, zeroF64: zero, loopUntil } = WASM_CODE;
  // parameters
  const [frame, window, frameLength, fftSize, data, out, table, bitrev, stride, radix4, firstLen, firstStep, power, magnitude] = Array.from({ length: 14 }, (_, k) => k);
  // i32 locals
  const [o, e, t, base, i, kb, A, B, C, D, len, S, qL, hL, hqL, size] = Array.from({ length: 16 }, (_, k) => 14 + k);
  // f64 locals
  const [Ar, Br, Cr, Dr, T0r, T1r, T2r, T3r] = Array.from({ length: 8 }, (_, k) => 30 + k);
  // v128 locals
  const [vA, vB, vC, vD, T0, T1, T2, T3, S3, pm] = Array.from({ length: 10 }, (_, k) => 38 + k);
  const add = (a: number, b: number) => [...get(a), ...get(b), I32_ADD];
  const load = (address: number[], offset = 0) => [...address, F64_LOAD, 3, ...sleb(offset)];
  const store = (address: number[], value: readonly number[], offset = 0) => [...address, ...value, F64_STORE, 3, ...sleb(offset)];
  const f = (op: number, a: number, b: number) => [...get(a), ...get(b), op];
  const v128 = (address: number[], offset = 0) => [...address, ...V128_LOAD, 3, ...sleb(offset)];
  const vstore = (address: number[], value: number[]) => [...address, ...value, ...V128_STORE, 3, 0];
  const vf = (op: number[], a: number, b: number) => [...get(a), ...get(b), ...op];
  // x = the complex value at address x times the twiddle pair at `pair` ((tr, ti) then (-ti, tr))
  const twiddled = (x: number, pair: number[], into: number) => [
    ...get(x), ...V128_LOAD64_SPLAT, 3, 0, ...pair, ...V128_LOAD, 3, 0, ...F64X2_MUL,
    ...get(x), ...V128_LOAD64_SPLAT, 3, 8, ...pair, ...V128_LOAD, 3, 16, ...F64X2_MUL,
    ...F64X2_ADD, ...set(into),
  ];
  const body = [
    ...wasmVector([
      [16, I32],
      [8, F64],
      [10, V128],
    ]),
    // pm = (1, -1)
    ...V128_CONST, ...f64Bytes(1), ...f64Bytes(-1), ...set(pm),
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
    // radix-4 passes: len (group length) x 4 and S (twiddle step) / 4 each pass, while the step is >= 2 (16 bytes).
    // Each complex value is one f64x2 (re, im); a twiddle product x t is splat(xr) (tr, ti) + splat(xi) (-ti, tr),
    // whose lanes are fft.js's xr tr - xi ti (as xr tr + -(xi ti)) and xr ti + xi tr.
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
        ...get(table), ...set(kb), // the twiddle pairs of k: table + 32 k / 2 ... (B: k, C: 2 k, D: 3 k)
        ...loopUntil(f(I32_GT_S, i, hqL), [
          BLOCK, EMPTY,
          ...add(base, i), ...set(A),
          ...add(A, qL), ...set(B),
          ...add(B, qL), ...set(C),
          ...add(C, qL), ...set(D),
          ...v128(get(A)), ...set(vA),
          ...twiddled(B, get(kb), vB),
          ...twiddled(C, [...get(kb), ...get(kb), I32_ADD, ...get(table), I32_SUB], vC),
          ...twiddled(D, [...get(kb), ...get(kb), I32_ADD, ...get(kb), I32_ADD, ...get(table), ...get(table), I32_ADD, I32_SUB], vD),
          ...vf(F64X2_ADD, vA, vC), ...set(T0),
          ...vf(F64X2_SUB, vA, vC), ...set(T1),
          ...vf(F64X2_ADD, vB, vD), ...set(T2),
          ...vf(F64X2_SUB, vB, vD), ...set(T3),
          ...get(T3), ...get(T3), ...I8X16_SHUFFLE, ...SWAP, ...set(S3),
          // A: T0 + T2; B: (T1r + T3i, T1i + -T3r)
          ...vstore(get(A), vf(F64X2_ADD, T0, T2)),
          ...vstore(get(B), [...get(T1), ...get(S3), ...get(pm), ...F64X2_MUL, ...F64X2_ADD]),
          // i = 0: the group's middle point; i = hquarterLen: nothing to mirror
          ...get(i), I32_EQZ, IF, EMPTY,
          ...vstore(get(C), vf(F64X2_SUB, T0, T2)),
          BR, 1,
          END,
          ...f(I32_EQ, i, hqL), BR_IF, 0,
          // mirrored: SA = base + quarterLen - i: (T1r + -T3i, -T1i + -T3r); SB = base + halfLen - i: (T0r + -T2r, -T0i - -T2i)
          ...add(base, qL), ...get(i), I32_SUB, ...set(o),
          ...vstore(get(o), [...get(T1), ...get(pm), ...F64X2_MUL, ...get(S3), ...F64X2_SUB]),
          ...add(base, hL), ...get(i), I32_SUB, ...set(o),
          ...vstore(get(o), [...get(T0), ...get(pm), ...F64X2_MUL, ...get(T2), ...get(pm), ...F64X2_MUL, ...F64X2_SUB]),
          END,
          ...get(i), ...konst(16), I32_ADD, ...set(i),
          ...get(kb), ...get(S), ...get(S), I32_ADD, I32_ADD, ...set(kb),
        ]),
        ...add(base, len), ...set(base),
      ]),
      ...get(len), ...konst(2), I32_SHL, ...set(len),
      ...get(S), ...konst(2), I32_SHR_U, ...set(S),
    ]),
    // power and magnitude of bins 0 .. fftSize / 2, two at a time (the pair after the last bin reads the next
    // output value and writes the slot after the last bin; both exist)
    ...get(out), ...set(base),
    ...get(out), ...get(fftSize), ...konst(3), I32_SHL, I32_ADD, ...konst(16), I32_ADD, ...set(e),
    ...konst(0), ...set(o),
    ...loopUntil(f(I32_GE_S, base, e), [
      ...v128(get(base)), ...set(vA),
      ...v128(get(base), 16), ...set(vB),
      ...get(vA), ...get(vB), ...I8X16_SHUFFLE, ...EVEN, ...set(T0),
      ...get(vA), ...get(vB), ...I8X16_SHUFFLE, ...ODD, ...set(T1),
      ...vf(F64X2_MUL, T0, T0), ...vf(F64X2_MUL, T1, T1), ...F64X2_ADD, ...set(T2),
      ...vstore(add(power, o), get(T2)),
      ...vstore(add(magnitude, o), [...get(T2), ...F64X2_SQRT]),
      ...get(o), ...konst(16), I32_ADD, ...set(o),
      ...get(base), ...konst(32), I32_ADD, ...set(base),
    ]),
    END,
  ];
  return oneFunctionModule('spectrum', Array.from({ length: 14 }, () => I32), body);
}

type SpectrumRun = (
  frame: number,
  window: number,
  frameLength: number,
  fftSize: number,
  data: number,
  out: number,
  table: number,
  bitrev: number,
  stride: number,
  radix4: number,
  firstLen: number,
  firstStep: number,
  power: number,
  magnitude: number,
) => void;

/** A configuration's region of the thread's kernel memory: its views and the kernel's arguments. */
interface SpectrumSetup {
  readonly run: SpectrumRun;
  readonly frame: Float64Array;
  readonly power: Float64Array;
  readonly magnitude: Float64Array;
  readonly at: { readonly frame: number; readonly window: number; readonly data: number; readonly out: number; readonly table: number; readonly bitrev: number; readonly power: number; readonly magnitude: number };
  readonly plan: { readonly stride: number; readonly radix4: number; readonly firstLen: number; readonly firstStep: number };
}

const arenas: KernelArenas<SpectrumRun> = {};
const setups = new Map<string, SpectrumSetup | null>();

/** The thread's region for frames windowed by `window` and FFTs of `fftSize` (made on first use), or null without WebAssembly. */
function spectrumSetup(fftSize: number, window: Float64Array): SpectrumSetup | null {
  const key = `${fftSize}:${bitsKey(window)}`;
  let setup = setups.get(key);
  if (setup !== undefined) return setup;
  const bins = fftSize / 2 + 1;
  const plan = fftPlan(fftSize);
  // layout (bytes): frame, window, data (fftSize), out (2 fftSize), twiddle pairs (4 fftSize), power and
  // magnitude (bins + 1: the SIMD loop writes pairs), bitrev
  const length = window.length;
  const sizes = { frame: 8 * length, window: 8 * length, data: 8 * fftSize, out: 16 * fftSize, table: 32 * fftSize, power: 8 * (bins + 1), magnitude: 8 * (bins + 1), bitrev: 4 * plan.bitrev.length };
  const bytes = Object.values(sizes).reduce((sum, b) => sum + b, 0);
  const region = kernelRegion(arenas, kernelModule, 'spectrum', bytes);
  if (!region) {
    setups.set(key, null);
    return null;
  }
  let next = region.offset;
  const at = Object.fromEntries(Object.entries(sizes).map(([name, size]) => [name, (next += size) - size])) as SpectrumSetup['at'];
  const buffer = region.buffer;
  new Float64Array(buffer, at.window, length).set(window);
  new Float64Array(buffer, at.table, 4 * fftSize).set(twiddlePairs(plan.table));
  new Int32Array(buffer, at.bitrev, plan.bitrev.length).set(plan.bitrev);
  setup = {
    run: region.run,
    frame: new Float64Array(buffer, at.frame, length),
    power: new Float64Array(buffer, at.power, bins),
    magnitude: new Float64Array(buffer, at.magnitude, bins),
    at,
    plan: { stride: plan.stride, radix4: plan.radix4 ? 1 : 0, firstLen: plan.firstLen, firstStep: plan.firstStep },
  };
  setups.set(key, setup);
  return setup;
}

/**
 * One frame's windowed spectrum at a time, for frames of `window.length` samples zero-padded to `fftSize`:
 * write the frame into `frame`, call `analyse()`, read `magnitude` and `power` (bins 0 .. fftSize / 2). The
 * numbers are dsp.SpectrumAnalyser's; the WebAssembly kernel computes them where the engine has WebAssembly
 * (else the analyser does, on plain arrays). With the kernel, the arrays are the thread's region for this FFT
 * size and window, shared by every FrameSpectrum of that configuration: what they hold lasts until the next
 * frame written and analysed by any of them (write, analyse and read within one synchronous call).
 */
export class FrameSpectrum {
  readonly bins: number;
  readonly frame: Float64Array;
  readonly magnitude: Float64Array;
  readonly power: Float64Array;
  private readonly analyser: dsp.SpectrumAnalyser | null = null;
  private readonly setup: SpectrumSetup | null;

  constructor(
    readonly fftSize: number,
    private readonly window: Float64Array,
    useWasm = true,
  ) {
    if (fftSize < 2 || dsp.nextPowerOfTwo(fftSize) !== fftSize) throw new Error(`FrameSpectrum: FFT size ${fftSize} is not a power of two >= 2`);
    if (window.length > fftSize) throw new Error(`FrameSpectrum: frame of ${window.length} samples exceeds FFT size ${fftSize}`);
    this.bins = fftSize / 2 + 1;
    this.setup = useWasm ? spectrumSetup(fftSize, window) : null;
    if (this.setup) {
      this.frame = this.setup.frame;
      this.power = this.setup.power;
      this.magnitude = this.setup.magnitude;
    } else {
      this.analyser = new dsp.SpectrumAnalyser(fftSize);
      this.frame = new Float64Array(window.length);
      this.power = new Float64Array(this.bins);
      this.magnitude = new Float64Array(this.bins);
    }
  }

  /** Whether the WebAssembly kernel computes the spectra. */
  get wasm(): boolean {
    return this.setup !== null;
  }

  /** The spectrum of `frame` into `magnitude` and `power`. */
  analyse(): void {
    const setup = this.setup;
    if (!setup) return this.analyser!.analyse(this.frame, this.window, this.magnitude, this.power);
    const { at, plan } = setup;
    setup.run(at.frame, at.window, this.frame.length, this.fftSize, at.data, at.out, at.table, at.bitrev, plan.stride, plan.radix4, plan.firstLen, plan.firstStep, at.power, at.magnitude);
  }
}

/** For each even k of fft.js's table (tr = table[k], ti = table[k + 1]): tr, ti, -ti, tr (the kernel's twiddle pairs). */
function twiddlePairs(table: Float64Array): Float64Array {
  const pairs = new Float64Array(2 * table.length);
  for (let k = 0; k < table.length; k += 2) pairs.set([table[k], table[k + 1], -table[k + 1], table[k]], 2 * k);
  return pairs;
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
