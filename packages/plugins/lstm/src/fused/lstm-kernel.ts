import type { PackedRows } from './packed-rows';
import type { RowProduct } from './row-product';

/**
 * One LSTM layer in one direction over a whole time-major batch, on plain arrays: the forward pass and its
 * backward pass through time, written out by hand so a training step is a few large products and two tight
 * loops instead of thousands of taped tensor operations. The maths is the usual LSTM (gates packed input,
 * forget, cell, output; z = x W + h W_rec + b):
 *   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o), c = f c_prev + i g, h = o tanh(c).
 * Row r = t * batch + b of a time-major array holds step t of sequence b. Only real rows are computed
 * (`PackedRows`): sequences are padded at their end, so reading forwards the padding follows every real
 * step and cannot influence it, and reading backwards the state stays at its zero start through the
 * padding, as if each sequence were alone. Padded rows of the output are 0 and get no gradient.
 */
export interface LayerShape {
  readonly steps: number;
  readonly batch: number;
  readonly units: number;
}

/** What the forward pass keeps for the backward pass; `hidden` is the layer's output. */
export interface ForwardRecord {
  /** real rows x 4 units (packed): σ(z_i), σ(z_f), tanh(z_g), σ(z_o). */
  readonly gates: Float32Array;
  /** real rows x units (packed): tanh(c). */
  readonly tanhCell: Float32Array;
  /** steps x batch x units: the cell state, 0 on padded rows. */
  readonly cell: Float32Array;
  /** steps x batch x units: the output h, 0 on padded rows. */
  readonly hidden: Float32Array;
}

/**
 * tanh to float32 precision (error below 3e-7) as a rational function: Math.tanh is a call into the
 * runtime that costs about three times as much, and the cell evaluates five of these per unit and step.
 * The 13/6 minimax rational approximation on [-7.9, 7.9] (beyond it tanh rounds to ±1 in float32), with
 * the coefficients Eigen uses for its float tanh.
 */
export function tanh(x: number): number {
  if (x > 7.90531110763549805) return 1;
  if (x < -7.90531110763549805) return -1;
  const x2 = x * x;
  let p = -2.76076847742355e-16 * x2 + 2.00018790482477e-13;
  p = p * x2 - 8.60467152213735e-11;
  p = p * x2 + 5.12229709037114e-8;
  p = p * x2 + 1.48572235717979e-5;
  p = p * x2 + 6.37261928875436e-4;
  p = p * x2 + 4.89352455891786e-3;
  let q = 1.19825839466702e-6 * x2 + 1.18534705686654e-4;
  q = q * x2 + 2.268434632439e-3;
  q = q * x2 + 4.89352518554385e-3;
  return (x * p) / q;
}

/** The logistic function through tanh: σ(z) = (1 + tanh(z / 2)) / 2. */
export function sigmoid(z: number): number {
  return 0.5 + 0.5 * tanh(0.5 * z);
}

/** Step processed k-th: t = k reading forwards, steps - 1 - k reading backwards. */
const stepAt = (k: number, steps: number, reverse: boolean): number => (reverse ? steps - 1 - k : k);

/** Rows `members` of step `t` of a steps x batch x units array, side by side (no copy when all are there). */
function gatherStep(values: Float32Array, t: number, members: Int32Array, shape: LayerShape): Float32Array {
  const { batch, units } = shape;
  if (members.length === batch) return values.subarray(t * batch * units, (t + 1) * batch * units);
  const out = new Float32Array(members.length * units);
  members.forEach((b, a) => out.set(values.subarray((t * batch + b) * units, (t * batch + b + 1) * units), a * units));
  return out;
}

/**
 * The forward pass. `projected` (real rows x 4 units, packed) is x W of every real row, computed at once
 * by the caller; `recurrent` multiplies rows of h (units wide) by W_rec; `bias` has 4 units.
 */
export function lstmForward(projected: Float32Array, bias: Float32Array, recurrent: RowProduct, shape: LayerShape, packed: PackedRows, reverse: boolean): ForwardRecord {
  const { steps, batch, units } = shape;
  const width = 4 * units;
  const gates = new Float32Array(packed.count * width);
  const tanhCell = new Float32Array(packed.count * units);
  const cell = new Float32Array(steps * batch * units);
  const hidden = new Float32Array(steps * batch * units);
  const zeroState = new Float32Array(batch * width);
  const zeroCell = new Float32Array(units);
  let previous = -1;
  for (let k = 0; k < steps; k++) {
    const t = stepAt(k, steps, reverse);
    const members = packed.members[t];
    const first = packed.start[t];
    // h_prev W_rec and c_prev: zero at the first step, whose state is zero.
    const fromState = previous >= 0 && members.length ? recurrent(gatherStep(hidden, previous, members, shape), members.length) : zeroState;
    const cellBefore = previous >= 0 ? cell : zeroCell;
    for (let a = 0; a < members.length; a++) {
      const b = members[a];
      const p = (first + a) * width;
      const q = (first + a) * units;
      const s = a * width;
      const at = (t * batch + b) * units;
      const before = previous >= 0 ? (previous * batch + b) * units : 0;
      for (let j = 0; j < units; j++) {
        const i = sigmoid(projected[p + j] + bias[j] + fromState[s + j]);
        const f = sigmoid(projected[p + units + j] + bias[units + j] + fromState[s + units + j]);
        const g = tanh(projected[p + 2 * units + j] + bias[2 * units + j] + fromState[s + 2 * units + j]);
        const o = sigmoid(projected[p + 3 * units + j] + bias[3 * units + j] + fromState[s + 3 * units + j]);
        const c = f * cellBefore[before + j] + i * g;
        const tc = tanh(c);
        gates[p + j] = i;
        gates[p + units + j] = f;
        gates[p + 2 * units + j] = g;
        gates[p + 3 * units + j] = o;
        tanhCell[q + j] = tc;
        cell[at + j] = c;
        hidden[at + j] = o * tc;
      }
    }
    previous = t;
  }
  return { gates, tanhCell, cell, hidden };
}

/**
 * The backward pass through time: from the loss gradient of every output (steps x batch x units) to the
 * gradient of every real row's pre-activation z (real rows x 4 units, packed), from which the caller gets
 * the weight and input gradients with a few products. `recurrentTransposed` multiplies rows of dz by W_rec^T.
 */
export function lstmBackward(
  record: ForwardRecord,
  outputGradient: Float32Array,
  recurrentTransposed: RowProduct,
  shape: LayerShape,
  packed: PackedRows,
  reverse: boolean,
): Float32Array {
  const { steps, batch, units } = shape;
  const width = 4 * units;
  const { gates, tanhCell, cell } = record;
  const dz = new Float32Array(packed.count * width);
  // Gradients reaching each sequence's h and c from the step processed after the current one.
  const dhLater = new Float32Array(batch * units);
  const dcLater = new Float32Array(batch * units);
  const zeroCell = new Float32Array(units);
  for (let k = steps - 1; k >= 0; k--) {
    const t = stepAt(k, steps, reverse);
    const previous = k > 0 ? stepAt(k - 1, steps, reverse) : -1;
    const members = packed.members[t];
    const first = packed.start[t];
    const cellBefore = previous >= 0 ? cell : zeroCell;
    for (let a = 0; a < members.length; a++) {
      const b = members[a];
      const p = (first + a) * width;
      const q = (first + a) * units;
      const at = (t * batch + b) * units;
      const s = b * units;
      const before = previous >= 0 ? (previous * batch + b) * units : 0;
      for (let j = 0; j < units; j++) {
        // Through h = o tanh(c), then c = f c_prev + i g.
        const dh = outputGradient[at + j] + dhLater[s + j];
        const i = gates[p + j];
        const f = gates[p + units + j];
        const g = gates[p + 2 * units + j];
        const o = gates[p + 3 * units + j];
        const tc = tanhCell[q + j];
        const dc = dcLater[s + j] + dh * o * (1 - tc * tc);
        dz[p + j] = dc * g * i * (1 - i);
        dz[p + units + j] = dc * cellBefore[before + j] * f * (1 - f);
        dz[p + 2 * units + j] = dc * i * (1 - g * g);
        dz[p + 3 * units + j] = dh * tc * o * (1 - o);
        dcLater[s + j] = dc * f;
      }
    }
    // dh_prev = dz W_rec^T, for the sequences that have a real step here (the others get none).
    dhLater.fill(0);
    if (previous >= 0 && members.length) {
      const product = recurrentTransposed(dz.subarray(first * width, (first + members.length) * width), members.length);
      members.forEach((b, a) => dhLater.set(product.subarray(a * units, (a + 1) * units), b * units));
    }
  }
  return dz;
}

/**
 * The state each real row read, transposed (units x real rows, packed): column c holds h of the same
 * sequence at the step processed before (zero for the first), so W_rec's gradient is this @ dz.
 */
export function previousHiddenTransposed(record: ForwardRecord, shape: LayerShape, packed: PackedRows, reverse: boolean): Float32Array {
  const { steps, batch, units } = shape;
  const count = packed.count;
  const out = new Float32Array(units * count);
  for (let k = 1; k < steps; k++) {
    const t = stepAt(k, steps, reverse);
    const previous = stepAt(k - 1, steps, reverse);
    const members = packed.members[t];
    for (let a = 0; a < members.length; a++) {
      const from = (previous * batch + members[a]) * units;
      const column = packed.start[t] + a;
      for (let j = 0; j < units; j++) out[j * count + column] = record.hidden[from + j];
    }
  }
  return out;
}

/** Sums of the columns of a rows x cols row-major array (the bias gradient from dz). */
export function columnSums(values: Float32Array, rows: number, cols: number): Float32Array {
  const sums = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) sums[j] += values[o + j];
  }
  return Float32Array.from(sums);
}
