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

/** The doubles nearest 10^-15 .. 10^22 (POWERS_OF_TEN[k + 15] = 10^k), for the decimal exponent of a value. */
const POWERS_OF_TEN = Float64Array.from({ length: 38 }, (_, i) => Number(`1e${i - 15}`));
const exponentBits = new Float64Array(1);
const exponentWords = new Uint32Array(exponentBits.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * floor(log10(magnitude)) for 1e-14 <= magnitude < 1e21, without Math.log10 (a fifth of the CSV time):
 * from the binary exponent e2, floor(e2 log10 2) is the decimal exponent or one less, which one a comparison
 * with 10^(e+1) tells. That comparison is exact for float32 values: no double lies strictly between 10^k and
 * its nearest double, and no float32 equals the nearest double of a negative power of ten (tested).
 */
function decimalExponent(magnitude: number): number {
  exponentBits[0] = magnitude;
  const binaryExponent = ((exponentWords[HIGH_WORD] >>> 20) & 0x7ff) - 1023;
  const e = Math.floor(binaryExponent * 0.30102999566398120);
  return magnitude >= POWERS_OF_TEN[e + 16] ? e + 1 : e;
}

/**
 * Writes formatFloat32(value) as ASCII into `out` at `pos` and returns the position after it, without making a
 * string (the hot path of CSV output: no allocation, so no garbage to collect). `out` needs 17 free bytes
 * ("-0.00000123456789").
 * The text is the same as formatFloat32's: the digits of the shortest mantissa, laid out as JavaScript's
 * Number#toString lays them out (fixed notation for 1e-7 <= |v| < 1e21, else d.ddde±x); outside 1e-14 .. 1e21 it falls back to formatFloat32.
 */
export function writeFloat32Ascii(value: number, out: Uint8Array, pos: number): number {
  if (value === 0) {
    out[pos] = ZERO;
    return pos + 1;
  }
  const magnitude = Math.abs(value);
  if (!Number.isFinite(value) || magnitude < 1e-14 || magnitude >= 1e21) return writeString(formatFloat32(value), out, pos);
  const exponent = decimalExponent(magnitude);
  // The fewest digits (6 to 9) that read back: most feature values need 7 to 9, so start at 8 and go down
  // while the text still reads back, or up once if it does not (2 tries on average instead of 3 or 4).
  let mantissa = -1;
  let k = 0;
  let digits = 8;
  let step = 0;
  for (;;) {
    const kk = digits - 1 - exponent;
    let m: number;
    let decimal: number;
    if (kk >= 0) {
      m = Math.round(magnitude * EXACT_POWERS[kk]);
      decimal = m / EXACT_POWERS[kk];
    } else {
      m = Math.round(magnitude / EXACT_POWERS[-kk]);
      decimal = m * EXACT_POWERS[-kk];
    }
    const readsBack = Math.fround(decimal) === magnitude;
    if (readsBack) {
      mantissa = m;
      k = kk;
    }
    if (step === 0) step = readsBack ? -1 : 1;
    if (readsBack ? step > 0 || digits === 6 : step < 0 || digits === 9) break;
    digits += step;
  }
  if (mantissa < 0) return writeString(formatFloat32(value), out, pos);
  // value = mantissa x 10^-k, mantissa <= 10^9 so in int32 arithmetic (| 0: divisions by 10 become
  // multiplications); drop trailing zeros
  let digitsLeft = mantissa | 0;
  let q = (digitsLeft / 10) | 0;
  while (digitsLeft === q * 10) {
    digitsLeft = q;
    q = (digitsLeft / 10) | 0;
    k--;
  }
  let count = 0;
  while (digitsLeft > 0) {
    q = (digitsLeft / 10) | 0;
    digitScratch[count++] = ZERO + digitsLeft - q * 10;
    digitsLeft = q;
  }
  // digits d1..dcount (stored reversed), value = 0.d1d2.. x 10^n
  const n = count - k;
  if (value < 0) out[pos++] = 45; // '-'
  if (n >= count && n <= 21) {
    for (let i = count - 1; i >= 0; i--) out[pos++] = digitScratch[i];
    for (let i = count; i < n; i++) out[pos++] = ZERO;
  } else if (n > 0 && n <= 21) {
    for (let i = count - 1; i >= 0; i--) {
      out[pos++] = digitScratch[i];
      if (i === count - n) out[pos++] = 46; // '.'
    }
  } else if (n > -6 && n <= 0) {
    out[pos++] = ZERO;
    out[pos++] = 46;
    for (let i = 0; i < -n; i++) out[pos++] = ZERO;
    for (let i = count - 1; i >= 0; i--) out[pos++] = digitScratch[i];
  } else {
    out[pos++] = digitScratch[count - 1];
    if (count > 1) {
      out[pos++] = 46;
      for (let i = count - 2; i >= 0; i--) out[pos++] = digitScratch[i];
    }
    out[pos++] = 101; // 'e'
    out[pos++] = n - 1 < 0 ? 45 : 43;
    pos = writeString(String(Math.abs(n - 1)), out, pos);
  }
  return pos;
}

function writeString(text: string, out: Uint8Array, pos: number): number {
  for (let i = 0; i < text.length; i++) out[pos++] = text.charCodeAt(i);
  return pos;
}
