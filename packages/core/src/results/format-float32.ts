/** Powers of ten that are exact doubles (10^0 .. 10^22). */
const EXACT_POWERS = Float64Array.from({ length: 23 }, (_, k) => Math.pow(10, k));

/** The reference formatter: at least 6 significant digits, more only when needed to read back the same float32. */
function formatFloat32Slow(value: number): string {
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

/**
 * The shortest decimal of 6 to 9 significant digits that reads back as the same float32 (features are stored
 * as float32), trailing zeros dropped: what `String(Number(v.toPrecision(d)))` gives for the smallest such d,
 * about 8x faster. Why it is exact: the d-digit mantissa m is an integer and 10^k an exact double, so m / 10^k
 * (or m x 10^-k) is the correctly rounded double of the decimal m e-k, the same double that parsing the text
 * gives; String() of that double is its shortest round-trip text, i.e. the decimal itself.
 */
export function formatFloat32(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const exponent = Math.floor(Math.log10(magnitude));
  for (let digits = 6; digits <= 9; digits++) {
    const k = digits - 1 - exponent;
    let decimal: number;
    if (k >= 0 && k <= 22) decimal = Math.round(magnitude * EXACT_POWERS[k]) / EXACT_POWERS[k];
    else if (k < 0 && k >= -22) decimal = Math.round(magnitude / EXACT_POWERS[-k]) * EXACT_POWERS[-k];
    else return formatFloat32Slow(value); // subnormal or huge: rare
    if (Math.fround(decimal) === magnitude) return String(value < 0 ? -decimal : decimal);
  }
  return formatFloat32Slow(value); // the product's rounding moved the last digit
}

const ZERO = 48;
const digitScratch = new Uint8Array(24);

/**
 * 10^k (k = 0..22) split in two: TEN_HIGH[k] (at most 26 significant bits) + TEN_LOW[k] (at most 27) = 10^k
 * exactly (Veltkamp's split), so a float32 (24 bits) times either part is an exact double.
 */
const TEN_HIGH = EXACT_POWERS.map((power) => {
  const scaled = power * 134217729; // 2^27 + 1
  return scaled - (scaled - power);
});
const TEN_LOW = EXACT_POWERS.map((power, k) => power - TEN_HIGH[k]);
/** Two ASCII digits for each of 0..99: DIGIT_PAIRS[2i], DIGIT_PAIRS[2i + 1]. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, i) => ZERO + (i & 1 ? (i >> 1) % 10 : Math.floor(i / 20)));
/**
 * How close a candidate's distance may come to the float32's rounding bound before its read-back is decided
 * the exact way (a division, as formatFloat32), in units of the 9-digit mantissa: well above the error of the
 * distance (~1e-13) and that of reading the decimal as a double before rounding it to float32 (<= 1.2e-7).
 */
const BOUNDARY_MARGIN = 1e-6;
const float32Scratch = new Float32Array(1);
const float32Bits = new Uint32Array(float32Scratch.buffer);
/** Per biased float32 exponent b: floor((b - 127) log10 2), the decimal exponent of 2^(b - 127) (or one less). */
const DECIMAL_GUESS = Int32Array.from({ length: 256 }, (_, b) => Math.floor((b - 127) * Math.LOG10E * Math.LN2));
/**
 * Per biased exponent: the bits of the smallest float32 >= 10^(DECIMAL_GUESS + 1) (a float32 is >= that power
 * exactly when its bits are >= these, as positive floats order like their bits).
 */
const NEXT_POWER_BITS = Uint32Array.from({ length: 256 }, (_, b) => {
  const power = Number(`1e${DECIMAL_GUESS[b] + 1}`);
  if (!(power < 3.4e38)) return 0x7f800000;
  float32Scratch[0] = power;
  if (float32Scratch[0] < power) float32Bits[0]++;
  return float32Bits[0];
});
/**
 * floor(log10 |v|) of a normal float32 from its bits, without Math.log10 (a fifth of the CSV time once) nor a
 * branch: the binary exponent's guess or one more, as an integer comparison of the bits tells.
 */
function decimalExponent(bits: number): number {
  const binary = bits >>> 23;
  return DECIMAL_GUESS[binary] + 1 - ((bits - NEXT_POWER_BITS[binary]) >>> 31);
}
/** Per biased exponent b: half the float32 spacing there, 2^(b - 127 - 24). */
const HALF_SPACING = Float64Array.from({ length: 256 }, (_, b) => 2 ** (b - 151));
/** 1.5 x 2^52: x + ROUNDING_SHIFT - ROUNDING_SHIFT is x rounded to the nearest integer (ties to even), |x| < 2^51. */
const ROUNDING_SHIFT = 6755399441055744;

/**
 * Writes formatFloat32(value) as ASCII into `out` at `pos` and returns the position after it, without making a
 * string (the hot path of CSV output: no allocation, so no garbage to collect). `out` needs 17 free bytes
 * ("-0.00000123456789"); bytes past the text within those 17 may be overwritten.
 * The text is the same as formatFloat32's (every float32 checked). For 1e-14 <= |v| < 1e9 (nearly every feature value) the digits come
 * from one exact product: x9 = |v| x 10^k9 in [1e8, 1e9) as a double plus its exact error (10^k9 split so that
 * both partial products are exact) gives the correctly rounded 9-digit mantissa m9 and the exact sign of x9 - m9.
 * The correctly rounded 6-, 7- and 8-digit candidates follow from m9 by integer steps (the case m9 alone cannot
 * decide, dropped digits of exactly 5, 50 or 500, that sign decides). A candidate reads back as v when its
 * distance to x9 is below half the float32 spacing there (scaled alike; below an exact power of two the
 * spacing is half); only within BOUNDARY_MARGIN of that bound is it decided by reading it back. Outside that
 * range (rare for features) the text is formatFloat32's own.
 */
export function writeFloat32Ascii(value: number, out: Uint8Array, pos: number): number {
  if (value === 0) {
    out[pos] = ZERO;
    return pos + 1;
  }
  const magnitude = Math.abs(value);
  if (!(magnitude >= 1e-14 && magnitude < 1e9)) return writeString(formatFloat32(value), out, pos);
  float32Scratch[0] = magnitude;
  const bits = float32Bits[0];
  const binary = bits >>> 23; // biased binary exponent
  const exponent = decimalExponent(bits);
  const k9 = 8 - exponent;
  // x9 = product + error exactly (Fast2Sum of the two exact partial products)
  const high = magnitude * TEN_HIGH[k9];
  const low = magnitude * TEN_LOW[k9];
  const product = high + low;
  const error = low - (product - high);
  // the nearest integer (Math.round is several times slower than this exact trick for |x| < 2^51)
  let m9 = product + ROUNDING_SHIFT - ROUNDING_SHIFT;
  let residual = product - m9 + error; // x9 - m9, of exact sign
  // m9 rounded to nearest: make a tie (and the rare error past it) round up, as toPrecision does
  if (residual < -0.5) {
    m9--;
    residual++;
  } else if (residual >= 0.5) {
    m9++;
    residual--;
  }
  // half the float32 spacing at `magnitude` in units of x9 (exact); below a power of two the spacing halves
  const halfSpacing = HALF_SPACING[binary] * EXACT_POWERS[k9];
  const powerOfTwo = (bits & 0x7fffff) === 0;
  // The correctly rounded 6-, 7- and 8-digit candidates (a tie rounds up, as toPrecision does) and their
  // distances to x9, without branches on the digits (those mispredict: they cost more than the arithmetic).
  const m = m9 | 0;
  let c6 = (((m + 500) / 1000) | 0) * 1000;
  if (c6 - m === 500 && residual < 0) c6 -= 1000;
  let c7 = (((m + 50) / 100) | 0) * 100;
  if (c7 - m === 50 && residual < 0) c7 -= 100;
  let c8 = (((m + 5) / 10) | 0) * 10;
  if (c8 - m === 5 && residual < 0) c8 -= 10;
  const offset6 = c6 - m - residual;
  const offset7 = c7 - m - residual;
  const offset8 = c8 - m - residual;
  const bound6 = powerOfTwo && offset6 < 0 ? halfSpacing / 2 : halfSpacing;
  const bound7 = powerOfTwo && offset7 < 0 ? halfSpacing / 2 : halfSpacing;
  const bound8 = powerOfTwo && offset8 < 0 ? halfSpacing / 2 : halfSpacing;
  const excess6 = Math.abs(offset6) - bound6;
  const excess7 = Math.abs(offset7) - bound7;
  const excess8 = Math.abs(offset8) - bound8;
  // 1 when the candidate reads back, else 0; near the bound, by reading it back
  let fits6 = excess6 < 0 ? 1 : 0;
  let fits7 = excess7 < 0 ? 1 : 0;
  let fits8 = excess8 < 0 ? 1 : 0;
  if (Math.abs(excess6) <= BOUNDARY_MARGIN || Math.abs(excess7) <= BOUNDARY_MARGIN || Math.abs(excess8) <= BOUNDARY_MARGIN) {
    fits6 = readsBack(c6 / 1000, 5 - exponent, magnitude);
    fits7 = readsBack(c7 / 100, 6 - exponent, magnitude);
    fits8 = readsBack(c8 / 10, 7 - exponent, magnitude);
  }
  // the shortest that reads back (9 digits always do: |residual| <= 0.5 < 1.49 <= the bounds), chosen by
  // arithmetic, not branches
  let digits = m + fits8 * (c8 - m);
  digits += fits7 * (c7 - digits);
  digits += fits6 * (c6 - digits);
  let count = 9 - fits8;
  count += fits7 * (7 - count);
  count += fits6 * (6 - count);
  const n = exponent + 1;
  if (digits >= 1e9 || n < -5) return writeDigits(digits, exponent, value < 0, out, pos);
  if (value < 0) out[pos++] = 45; // '-'
  return writeFixed(digits, n, count, out, pos);
}

/** The four ASCII digits of 0..9999 ("0000" .. "9999") as one little-endian word: a store of four bytes at once. */
const FOUR_DIGITS = Uint32Array.from({ length: 10000 }, (_, i) => {
  const digit = (k: number) => ZERO + (Math.floor(i / 10 ** (3 - k)) % 10);
  return (digit(0) | (digit(1) << 8) | (digit(2) << 16) | (digit(3) << 24)) >>> 0;
});
/** "0.00" and "0000" as little-endian words. */
const ZERO_POINT_ZEROS = ZERO | (46 << 8) | (ZERO << 16) | (ZERO << 24);
const FOUR_ZEROS = ZERO | (ZERO << 8) | (ZERO << 16) | (ZERO << 24);
/** A DataView of the last `out` written to (word stores at any offset: a third of the byte stores). */
let view: DataView = new DataView(new ArrayBuffer(0));
let viewOf: Uint8Array | undefined;

/**
 * writeDigits for the common layouts, 0.00000d1d2.. to d1..d9 (1e-6 <= |v| < 1e9), straight into `out` in words
 * of four digits: the 9 digits of `m9` (1e8 <= m9 < 1e9) with the point at place n (-5 <= n <= 9), of which the
 * first `count` or fewer are significant (the rest are zeros). Bytes past the text, up to pos + 17, may be
 * overwritten.
 */
function writeFixed(m9: number, n: number, count: number, out: Uint8Array, pos: number): number {
  if (out !== viewOf) {
    view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    viewOf = out;
  }
  const upper = (m9 / 10000) | 0; // d1..d5
  const first = ZERO + ((upper / 10000) | 0);
  const middle = FOUR_DIGITS[upper % 10000]; // d2..d5
  const last = FOUR_DIGITS[m9 % 10000]; // d6..d9
  // drop the trailing zeros (d1 is never 0): digit i is byte i - 6 of `last`, i - 2 of `middle`
  while (count > 5 ? ((last >>> (8 * (count - 6))) & 0xff) === ZERO : count > 1 && ((middle >>> (8 * (count - 2))) & 0xff) === ZERO) count--;
  if (n <= 0) {
    // 0.000ddd: "0.00", "0000" (the digits overwrite the zeros past theirs), then d1..d9
    view.setUint32(pos, ZERO_POINT_ZEROS, true);
    view.setUint32(pos + 3, FOUR_ZEROS, true);
    const at = pos + 2 - n;
    out[at] = first;
    view.setUint32(at + 1, middle, true);
    view.setUint32(at + 5, last, true);
    return at + count;
  }
  // d1..dn.d(n+1)..d9: the digits in place, then the point and the digits after it one place on
  out[pos] = first;
  view.setUint32(pos + 1, middle, true);
  if (n >= 5) {
    view.setUint32(pos + 5, last, true);
    if (n < 9) {
      out[pos + n] = 46; // '.'
      view.setUint32(pos + n + 1, last >>> (8 * (n - 5)), true);
    }
  } else {
    out[pos + n] = 46;
    view.setUint32(pos + n + 1, middle >>> (8 * (n - 1)), true);
    view.setUint32(pos + 6, last, true);
  }
  return count > n ? pos + count + 1 : pos + n;
}

/** Whether mantissa x 10^-k, read as a double (exactly as parsing its text would) and rounded to float32, is `magnitude`. */
function readsBack(mantissa: number, k: number, magnitude: number): number {
  return Math.fround(k >= 0 ? mantissa / EXACT_POWERS[k] : mantissa * EXACT_POWERS[-k]) === magnitude ? 1 : 0;
}

/**
 * Writes the value 0.d1d2..d9 x 10^(exponent + 1) given by its 9 digits `m9` (1e8 <= m9 <= 1e9; 1e9 when the
 * rounding carried into a new decade), trailing zeros dropped, as Number#toString lays it out: fixed notation
 * for 1e-7 <= |v| < 1e21, else d.ddde±x.
 */
function writeDigits(m9: number, exponent: number, negative: boolean, out: Uint8Array, pos: number): number {
  const digits = m9 | 0;
  let count = 9;
  let n = exponent + 1; // the decimal point's place: value = 0.d1d2.. x 10^n
  if (digits >= 1e9) {
    digitScratch[0] = ZERO + 1;
    count = 1;
    n++;
  } else {
    const upper = (digits / 10000) | 0; // d1..d5
    const lower = digits - upper * 10000; // d6..d9
    const first = (upper / 10000) | 0;
    const second = ((upper / 100) | 0) - first * 100;
    const third = upper % 100;
    const fourth = (lower / 100) | 0;
    const fifth = lower - fourth * 100;
    digitScratch[0] = ZERO + first;
    digitScratch[1] = DIGIT_PAIRS[2 * second];
    digitScratch[2] = DIGIT_PAIRS[2 * second + 1];
    digitScratch[3] = DIGIT_PAIRS[2 * third];
    digitScratch[4] = DIGIT_PAIRS[2 * third + 1];
    digitScratch[5] = DIGIT_PAIRS[2 * fourth];
    digitScratch[6] = DIGIT_PAIRS[2 * fourth + 1];
    digitScratch[7] = DIGIT_PAIRS[2 * fifth];
    digitScratch[8] = DIGIT_PAIRS[2 * fifth + 1];
    while (digitScratch[count - 1] === ZERO) count--;
  }
  if (negative) out[pos++] = 45; // '-'
  if (n >= count && n <= 21) {
    for (let i = 0; i < count; i++) out[pos++] = digitScratch[i];
    for (let i = count; i < n; i++) out[pos++] = ZERO;
  } else if (n > 0 && n <= 21) {
    for (let i = 0; i < n; i++) out[pos++] = digitScratch[i];
    out[pos++] = 46; // '.'
    for (let i = n; i < count; i++) out[pos++] = digitScratch[i];
  } else if (n > -6 && n <= 0) {
    out[pos++] = ZERO;
    out[pos++] = 46;
    for (let i = 0; i < -n; i++) out[pos++] = ZERO;
    for (let i = 0; i < count; i++) out[pos++] = digitScratch[i];
  } else {
    out[pos++] = digitScratch[0];
    if (count > 1) {
      out[pos++] = 46;
      for (let i = 1; i < count; i++) out[pos++] = digitScratch[i];
    }
    out[pos++] = 101; // 'e'
    out[pos++] = n - 1 < 0 ? 45 : 43;
    const e = n - 1 < 0 ? 1 - n : n - 1; // at most 20 here (1e-14 <= |v| < 1e21)
    if (e >= 10) {
      out[pos++] = DIGIT_PAIRS[2 * e];
      out[pos++] = DIGIT_PAIRS[2 * e + 1];
    } else out[pos++] = ZERO + e;
  }
  return pos;
}

function writeString(text: string, out: Uint8Array, pos: number): number {
  for (let i = 0; i < text.length; i++) out[pos++] = text.charCodeAt(i);
  return pos;
}
