import { kernelRegion, oneFunctionModule, sleb, wasmVector, type KernelArenas } from '../wasm/wasm-module';
import { WASM_OP } from '../wasm/wasm-opcodes';
import { WASM_CODE } from '../wasm/wasm-code';

/** What SpectralSumsKernel.run writes to `sums`, in this order. */
export const SPECTRAL_SUMS = ['power', 'frequencyPower', 'sharpnessPower', 'flux2', 'centroid', 'm2', 'm3', 'm4', 'swing'] as const;

/**
 * The bin sums of SpectralDescriptors (over bins 1 .. upper) in a WebAssembly kernel, with the same operations in
 * the same order (IEEE doubles, no fusion), so the same bits: power, frequency- and sharpness-weighted power, the
 * flux's squared magnitude differences to the previous frame (which it then keeps), the centroid, the moments
 * about it, and the harmonicity's swings between local extrema, chosen by select instead of branches (a swing not
 * taken adds +0 to a sum of non-negative values, which leaves it as it is).
 *
 *   sums(power, magnitude, previous, freq, sharpness, upper, out): byte offsets into the imported memory but upper
 *   (the last bin); the arrays hold upper + 4 doubles; out gets SPECTRAL_SUMS.
 */

const { I32, F64, BLOCK, LOOP, BR, BR_IF, END, EMPTY, SELECT, I32_ADD, I32_SHL, I32_AND, I32_OR, I32_GT_S, I32_GE_S, F64_LOAD, F64_STORE, F64_LT, F64_GT, F64_ABS, F64_ADD, F64_SUB, F64_MUL, F64_DIV } = WASM_OP;

function kernelModule(): Uint8Array {
  const { get, set, konst, zeroF64: zero } = WASM_CODE;
  const [power, magnitude, previous, freq, sharpness, upper, out] = [0, 1, 2, 3, 4, 5, 6];
  const [o, end, extremum, have] = [7, 8, 9, 10]; // i32
  const [p, d, total, sumA, weighted, d2, centroid, t, m, m2, m3, m4, swing, lastPeak, p2, p1, v, n1, n2] = Array.from({ length: 19 }, (_, k) => 11 + k); // f64
  const at = (base: number, offset = 0) => [...get(base), ...get(o), I32_ADD, F64_LOAD, 3, ...sleb(offset)];
  const accumulate = (sum: number, term: number[]) => [...get(sum), ...term, F64_ADD, ...set(sum)];
  const f = (op: number, a: number, b: number) => [...get(a), ...get(b), op];
  // for (o = from; o <= end (or < end); o += 8) body
  const bins = (from: number, inclusive: boolean, body: number[]) => [
    ...konst(from), ...set(o),
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(o), ...get(end), inclusive ? I32_GT_S : I32_GE_S, BR_IF, 1,
    ...body,
    ...get(o), ...konst(8), I32_ADD, ...set(o),
    BR, 0, END, END,
  ];
  const body = [
    ...wasmVector([
      [4, I32],
      [19, F64],
    ]),
    ...get(upper), ...konst(3), I32_SHL, ...set(end),
    ...zero, ...set(total),
    ...zero, ...set(sumA),
    ...zero, ...set(weighted),
    ...zero, ...set(d2),
    ...bins(8, true, [
      ...at(power), ...set(p),
      ...accumulate(total, get(p)),
      ...accumulate(sumA, [...at(freq), ...get(p), F64_MUL]),
      ...accumulate(weighted, [...at(sharpness), ...get(p), F64_MUL]),
      ...at(magnitude), ...at(previous), F64_SUB, ...set(d),
      ...accumulate(d2, f(F64_MUL, d, d)),
      ...get(previous), ...get(o), I32_ADD, ...at(magnitude), F64_STORE, 3, 0,
    ]),
    // centroid = total > 0 ? sumA / total : 0
    ...f(F64_DIV, sumA, total), ...zero, ...zero, ...get(total), F64_LT, SELECT, ...set(centroid),
    ...zero, ...set(m2),
    ...zero, ...set(m3),
    ...zero, ...set(m4),
    ...bins(8, true, [
      ...at(freq), ...get(centroid), F64_SUB, ...set(t),
      ...f(F64_MUL, t, t), ...at(power), F64_MUL, ...set(m),
      ...accumulate(m2, get(m)),
      ...accumulate(m3, f(F64_MUL, m, t)),
      ...accumulate(m4, [...f(F64_MUL, m, t), ...get(t), F64_MUL]),
    ]),
    // harmonicity over bins 3 .. upper - 2: v = power[j] against its two neighbours on each side
    ...zero, ...set(swing),
    ...zero, ...set(lastPeak),
    ...konst(0), ...set(have),
    ...get(power), F64_LOAD, 3, 8, ...set(p2),
    ...get(power), F64_LOAD, 3, 16, ...set(p1),
    ...get(power), F64_LOAD, 3, 24, ...set(v),
    ...get(power), F64_LOAD, 3, 32, ...set(n1),
    ...get(end), ...konst(-8), I32_ADD, ...set(end),
    ...bins(24, false, [
      ...at(power, 16), ...set(n2),
      // maximum: p2 < v, p1 < v, v > n1, v > n2; minimum: the reverse
      ...f(F64_LT, p2, v), ...f(F64_LT, p1, v), I32_AND, ...f(F64_GT, v, n1), I32_AND, ...f(F64_GT, v, n2), I32_AND,
      ...f(F64_GT, p2, v), ...f(F64_GT, p1, v), I32_AND, ...f(F64_LT, v, n1), I32_AND, ...f(F64_LT, v, n2), I32_AND,
      I32_OR, ...set(extremum),
      ...get(swing), ...f(F64_SUB, v, lastPeak), F64_ABS, ...zero, ...get(extremum), ...get(have), I32_AND, SELECT, F64_ADD, ...set(swing),
      ...get(v), ...get(lastPeak), ...get(extremum), SELECT, ...set(lastPeak),
      ...get(have), ...get(extremum), I32_OR, ...set(have),
      ...get(p1), ...set(p2),
      ...get(v), ...set(p1),
      ...get(n1), ...set(v),
      ...get(n2), ...set(n1),
    ]),
    ...[total, sumA, weighted, d2, centroid, m2, m3, m4, swing].flatMap((l, k) => [...get(out), ...get(l), F64_STORE, 3, ...sleb(8 * k)]),
    END,
  ];
  return oneFunctionModule('sums', [I32, I32, I32, I32, I32, I32, I32], body);
}

type SumsRun = (power: number, magnitude: number, previous: number, freq: number, sharpness: number, upper: number, out: number) => void;

const arenas: KernelArenas<SumsRun> = {};
const setups = new Map<string, SumsSetup | null>();

/** A configuration's region of the thread's kernel memory (shared by the kernels of that configuration). */
interface SumsSetup {
  readonly run: SumsRun;
  readonly power: Float64Array;
  readonly magnitude: Float64Array;
  readonly previous: Float64Array;
  readonly sums: Float64Array;
  readonly at: { readonly power: number; readonly magnitude: number; readonly previous: number; readonly freq: number; readonly sharpness: number; readonly out: number };
  /** The kernel whose flux reference `previous` holds. */
  owner: SpectralSumsKernel | null;
}

/**
 * The kernel for spectra of `bins` bins (sums over 1 .. bins - 1) of one SpectralDescriptors, or null without
 * WebAssembly. The region of the thread's kernel memory is shared by the kernels of one configuration (`key`:
 * what determines freq and sharpness); each keeps its own flux reference, swapped into the region when it runs
 * after another. Fill `power` and `magnitude`, `run()`, read `sums`, within one synchronous call.
 */
export class SpectralSumsKernel {
  readonly power: Float64Array;
  readonly magnitude: Float64Array;
  /** SPECTRAL_SUMS of the last run. */
  readonly sums: Float64Array;
  /** This kernel's flux reference while another one's is in the region. */
  private readonly previous: Float64Array;

  private constructor(private readonly setup: SumsSetup) {
    this.power = setup.power;
    this.magnitude = setup.magnitude;
    this.sums = setup.sums;
    this.previous = new Float64Array(setup.previous.length);
  }

  static create(key: string, freq: Float64Array, sharpness: Float64Array): SpectralSumsKernel | null {
    let setup = setups.get(key);
    if (setup === undefined) {
      setup = makeSetup(freq, sharpness);
      setups.set(key, setup);
    }
    return setup ? new SpectralSumsKernel(setup) : null;
  }

  run(): void {
    const setup = this.setup;
    if (setup.owner !== this) {
      if (setup.owner) setup.owner.previous.set(setup.previous);
      setup.previous.set(this.previous);
      setup.owner = this;
    }
    const { at } = setup;
    setup.run(at.power, at.magnitude, at.previous, at.freq, at.sharpness, this.power.length - 1, at.out);
  }
}

function makeSetup(freq: Float64Array, sharpness: Float64Array): SumsSetup | null {
  const bins = freq.length;
  const vector = 8 * (bins + 4);
  const region = kernelRegion(arenas, kernelModule, 'sums', 5 * vector + 8 * SPECTRAL_SUMS.length);
  if (!region) return null;
  const base = region.offset;
  const at = { power: base, magnitude: base + vector, previous: base + 2 * vector, freq: base + 3 * vector, sharpness: base + 4 * vector, out: base + 5 * vector };
  const buffer = region.buffer;
  new Float64Array(buffer, at.freq, bins).set(freq);
  new Float64Array(buffer, at.sharpness, bins).set(sharpness);
  return {
    run: region.run,
    power: new Float64Array(buffer, at.power, bins),
    magnitude: new Float64Array(buffer, at.magnitude, bins),
    previous: new Float64Array(buffer, at.previous, bins),
    sums: new Float64Array(buffer, at.out, SPECTRAL_SUMS.length),
    at,
    owner: null,
  };
}
