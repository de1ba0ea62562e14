import type { RowProduct } from './row-product';

/**
 * One LSTM layer in one direction over a whole time-major batch, on plain arrays: the forward pass and its
 * backward pass through time, written out by hand so a training step is a few large products and two tight
 * loops instead of thousands of taped tensor operations. The maths is the usual LSTM (gates packed input,
 * forget, cell, output; z = x W + h W_rec + b):
 *   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o), c = f c_prev + i g, h = o tanh(c).
 * Row r = t * batch + b of a time-major array holds step t of sequence b.
 */
export interface LayerShape {
  readonly steps: number;
  readonly batch: number;
  readonly units: number;
}

/**
 * Direction and padding. Sequences are padded at their end; reading backwards the padding comes first, so
 * the state is multiplied by `mask` (steps x batch: 1 on real steps, 0 on padding) after every step: it stays
 * at its zero start through the padding, and the first real step sees exactly what it would unpadded.
 * Reading forwards, padding follows the real steps and cannot influence them, so no mask is needed.
 */
export interface LayerDirection {
  readonly reverse: boolean;
  readonly mask?: Float32Array;
}

/** What the forward pass keeps for the backward pass; `hidden` is the layer's output. */
export interface ForwardRecord {
  /** steps x batch x 4 units: σ(z_i), σ(z_f), tanh(z_g), σ(z_o). */
  readonly gates: Float32Array;
  /** steps x batch x units: tanh of the cell state before masking. */
  readonly tanhCell: Float32Array;
  /** steps x batch x units: the cell state after masking. */
  readonly cell: Float32Array;
  /** steps x batch x units: the output after masking. */
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

/**
 * The forward pass. `projected` (steps x batch x 4 units) is x W of every step, computed at once by the
 * caller; `recurrent` multiplies batch x units rows by W_rec; `bias` has 4 units.
 */
export function lstmForward(projected: Float32Array, bias: Float32Array, recurrent: RowProduct, shape: LayerShape, direction: LayerDirection): ForwardRecord {
  const { steps, batch, units } = shape;
  const width = 4 * units;
  const gates = new Float32Array(steps * batch * width);
  const tanhCell = new Float32Array(steps * batch * units);
  const cell = new Float32Array(steps * batch * units);
  const hidden = new Float32Array(steps * batch * units);
  const { reverse, mask } = direction;
  const zeroState = new Float32Array(batch * width);
  const zeroCell = new Float32Array(batch * units);
  let previous = -1;
  for (let k = 0; k < steps; k++) {
    const t = stepAt(k, steps, reverse);
    // h_prev W_rec and c_prev: zero at the first step, whose state is zero.
    const fromState = previous >= 0 ? recurrent(hidden.subarray(previous * batch * units, (previous + 1) * batch * units), batch) : zeroState;
    const cellBefore = previous >= 0 ? cell.subarray(previous * batch * units, (previous + 1) * batch * units) : zeroCell;
    for (let b = 0; b < batch; b++) {
      const row = t * batch + b;
      const z = row * width;
      const s = b * width;
      const at = row * units;
      const sb = b * units;
      const m = mask ? mask[row] : 1;
      for (let j = 0; j < units; j++) {
        const i = sigmoid(projected[z + j] + bias[j] + fromState[s + j]);
        const f = sigmoid(projected[z + units + j] + bias[units + j] + fromState[s + units + j]);
        const g = tanh(projected[z + 2 * units + j] + bias[2 * units + j] + fromState[s + 2 * units + j]);
        const o = sigmoid(projected[z + 3 * units + j] + bias[3 * units + j] + fromState[s + 3 * units + j]);
        const c = f * cellBefore[sb + j] + i * g;
        const tc = tanh(c);
        gates[z + j] = i;
        gates[z + units + j] = f;
        gates[z + 2 * units + j] = g;
        gates[z + 3 * units + j] = o;
        tanhCell[at + j] = tc;
        cell[at + j] = m * c;
        hidden[at + j] = m * o * tc;
      }
    }
    previous = t;
  }
  return { gates, tanhCell, cell, hidden };
}

/**
 * The backward pass through time: from the loss gradient of every output (steps x batch x units) to the
 * gradient of every pre-activation z (steps x batch x 4 units), from which the caller gets the weight and
 * input gradients with a few products. `recurrentTransposed` multiplies batch x 4 units rows by W_rec^T.
 */
export function lstmBackward(
  record: ForwardRecord,
  outputGradient: Float32Array,
  recurrentTransposed: RowProduct,
  shape: LayerShape,
  direction: LayerDirection,
): Float32Array {
  const { steps, batch, units } = shape;
  const width = 4 * units;
  const { gates, tanhCell, cell } = record;
  const { reverse, mask } = direction;
  const dz = new Float32Array(steps * batch * width);
  // Gradients reaching step t's output h and cell c from the step processed after it.
  let dhLater: Float32Array | undefined;
  const dcLater = new Float32Array(batch * units);
  for (let k = steps - 1; k >= 0; k--) {
    const t = stepAt(k, steps, reverse);
    const previous = k > 0 ? stepAt(k - 1, steps, reverse) : -1;
    for (let b = 0; b < batch; b++) {
      const row = t * batch + b;
      const z = row * width;
      const at = row * units;
      const s = b * units;
      const before = previous >= 0 ? (previous * batch + b) * units : -1;
      const m = mask ? mask[row] : 1;
      for (let j = 0; j < units; j++) {
        // Through the mask (h = m h', c = m c'), then through h' = o tanh(c') and c' = f c_prev + i g.
        const dh = m * (outputGradient[at + j] + (dhLater ? dhLater[s + j] : 0));
        const i = gates[z + j];
        const f = gates[z + units + j];
        const g = gates[z + 2 * units + j];
        const o = gates[z + 3 * units + j];
        const tc = tanhCell[at + j];
        const dc = m * dcLater[s + j] + dh * o * (1 - tc * tc);
        const cPrevious = before >= 0 ? cell[before + j] : 0;
        dz[z + j] = dc * g * i * (1 - i);
        dz[z + units + j] = dc * cPrevious * f * (1 - f);
        dz[z + 2 * units + j] = dc * i * (1 - g * g);
        dz[z + 3 * units + j] = dh * tc * o * (1 - o);
        dcLater[s + j] = dc * f;
      }
    }
    dhLater = previous >= 0 ? recurrentTransposed(dz.subarray(t * batch * width, (t + 1) * batch * width), batch) : undefined;
  }
  return dz;
}

/**
 * The state each step read, transposed (units x steps·batch): column r = t * batch + b holds h of the step
 * processed before t (zero for the first), so W_rec's gradient is this @ dz.
 */
export function previousHiddenTransposed(record: ForwardRecord, shape: LayerShape, direction: LayerDirection): Float32Array {
  const { steps, batch, units } = shape;
  const rows = steps * batch;
  const out = new Float32Array(units * rows);
  for (let k = 1; k < steps; k++) {
    const t = stepAt(k, steps, direction.reverse);
    const previous = stepAt(k - 1, steps, direction.reverse);
    for (let b = 0; b < batch; b++) {
      const from = (previous * batch + b) * units;
      const column = t * batch + b;
      for (let j = 0; j < units; j++) out[j * rows + column] = record.hidden[from + j];
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
