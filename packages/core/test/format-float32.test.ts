import { formatFloat32, writeFloat32Ascii } from '../src/results/format-float32';
import { createFeatureMatrix } from '../src/data/feature-matrix';
import { FeatureCsvWriter, featureCsvRows } from '../src/results/feature-csv-rows';

/** The definition: the fewest digits (6 to 9) that read back as the same float32. */
function reference(value: number): string {
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

describe('formatFloat32', () => {
  it('gives the text of the definition for random bit patterns and for typical feature values', () => {
    const bits = new Uint32Array(1);
    const float = new Float32Array(bits.buffer);
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    let checked = 0;
    for (let i = 0; i < 200000; i++) {
      bits[0] = next() ^ (next() << 16);
      const values = [float[0], Math.fround(((next() / 2 ** 32) - 0.5) * 10 ** ((next() % 14) - 7))];
      for (const v of values) {
        if (!Number.isFinite(v)) continue;
        const text = formatFloat32(v);
        if (text !== reference(v)) throw new Error(`${v}: ${text} vs ${reference(v)}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(390000);
  });

  it('formats the special values and exact decimals', () => {
    expect([0, -0, 1, -0.5, 0.1, 1e-7, 16000, 123456789, 3.4e38, 1e-45, 0.01].map((v) => formatFloat32(Math.fround(v)))).toEqual(
      ['0', '0', '1', '-0.5', '0.1', '1e-7', '16000', '123456790', '3.4e+38', '1.4013e-45', '0.01'],
    );
    expect([NaN, Infinity, -Infinity].map(formatFloat32)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });
});

describe('writeFloat32Ascii', () => {
  it('writes the same text as formatFloat32, without strings', () => {
    const bits = new Uint32Array(1);
    const float = new Float32Array(bits.buffer);
    const out = new Uint8Array(32);
    let seed = 777;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const values = [0, -0, 1, -1, 0.1, 1e-7, 9.99999e-7, 1e-6, 123456789, 1e21, 3.4e38, 1e-45, 16000, 0.01, -100, 1e20, 5e-324, NaN, Infinity];
    for (let i = 0; i < 200000; i++) {
      bits[0] = next() ^ (next() << 16);
      values.push(float[0], Math.fround(((next() / 2 ** 32) - 0.5) * 10 ** ((next() % 16) - 8)));
    }
    // the floats around every power of ten in range (where the decimal exponent changes)
    for (let k = -15; k <= 22; k++) {
      const power = Number(`1e${k}`);
      expect(Math.fround(power) === power).toBe(k >= 0 && k <= 10); // exactness of the exponent's comparison
      let below = Math.fround(power);
      let above = below;
      for (let step = 0; step < 4; step++) {
        values.push(below, above, -below);
        float[0] = below;
        bits[0]--;
        below = float[0];
        float[0] = above;
        bits[0]++;
        above = float[0];
      }
    }
    for (const v of values.map(Math.fround)) {
      const end = writeFloat32Ascii(v, out, 3);
      const text = Buffer.from(out.subarray(3, end)).toString('latin1');
      if (text !== formatFloat32(v)) throw new Error(`${v}: wrote ${text}, formatFloat32 ${formatFloat32(v)}`);
    }
  });
});

describe('writeFloat32Ascii against the definition where its arithmetic is tight', () => {
  const text = (v: number): string => {
    const out = new Uint8Array(40);
    return Buffer.from(out.subarray(0, writeFloat32Ascii(v, out, 0))).toString('latin1');
  };
  it('matches on the floats next to short decimals (candidates on the rounding bound), at ties and at powers of two', () => {
    const bits = new Uint32Array(1);
    const float = new Float32Array(bits.buffer);
    let seed = 4242;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const values: number[] = [];
    for (let i = 0; i < 20000; i++) {
      // a 6- to 8-digit decimal from 1e-14 to 1e9 and the floats around it: their candidates sit at the bound
      const digits = 6 + (next() % 3);
      const mantissa = 10 ** (digits - 1) + (next() % (9 * 10 ** (digits - 1)));
      float[0] = Number(`${mantissa}e${(next() % 23) - 14 - digits + 1}`);
      for (let step = -2; step <= 2; step++) {
        const base = bits[0];
        bits[0] = base + step;
        values.push(float[0]);
        bits[0] = base;
      }
      // ties of toPrecision (x.5 in the dropped digit, exact in binary) and their neighbours
      const tie = Math.fround((next() % 2 ** 20) + 0.5) * 2 ** ((next() % 40) - 30);
      values.push(tie, Math.fround(tie * (1 + 2 ** -23)), Math.fround(tie * (1 - 2 ** -23)));
    }
    for (let e = -46; e < 30; e++) {
      float[0] = 2 ** e;
      for (let step = -2; step <= 2; step++) {
        const base = bits[0];
        bits[0] = base + step;
        values.push(float[0], -float[0]);
        bits[0] = base;
      }
    }
    let checked = 0;
    for (const v of values) {
      if (!(v !== 0 && Number.isFinite(v))) continue;
      if (text(v) !== reference(v)) throw new Error(`${v}: wrote ${text(v)}, the definition gives ${reference(v)}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(150000);
  });
});

describe('featureCsvRows', () => {
  it('writes file,time,<values> rows equal to the string formatting, also for the longest texts', () => {
    const longest = [Math.fround(-1.2345679e-6), Math.fround(-9.8765432e-7), -Infinity, NaN, Math.fround(-1.1754944e-38)];
    const cols = longest.length;
    const rows = 50;
    const data = new Float32Array(rows * cols).map((_, i) => longest[i % cols]);
    const times = Float64Array.from({ length: rows }, (_, r) => r * 0.01002267573696145 + 1e-7);
    const matrix = createFeatureMatrix(['a', 'b', 'c', 'd', 'e'], 100, times, data);
    const text = Buffer.from(featureCsvRows('dir/x, "y".wav', matrix)).toString('utf8');
    const expected = Array.from({ length: rows }, (_, r) => `"dir/x, ""y"".wav",${times[r]},${Array.from(data.subarray(r * cols, (r + 1) * cols), formatFloat32).join(',')}\n`).join('');
    expect(text).toBe(expected);
  });

  it('written by FeatureCsvWriter in pieces, chunk after chunk: the same bytes, each piece whole rows', () => {
    const cols = 7;
    const rows = 40;
    const data = Float32Array.from({ length: rows * cols }, (_, i) => Math.fround(Math.sin(i) * 10 ** ((i % 9) - 4)));
    const times = Float64Array.from({ length: rows }, (_, r) => r / 100 + 0.01);
    const whole = createFeatureMatrix(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 100, times, data);
    const half = (from: number, to: number) => createFeatureMatrix(whole.names, 100, times.slice(from, to), data.slice(from * cols, to * cols));
    const pieces: Uint8Array[] = [];
    const writer = new FeatureCsvWriter('x.wav', (piece) => pieces.push(piece), 600); // a few rows a piece
    writer.write(half(0, 25));
    writer.write(half(25, rows));
    writer.end();
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece[piece.length - 1]).toBe(10); // ends with a row's newline
    expect(Buffer.concat(pieces).equals(featureCsvRows('x.wav', whole))).toBe(true);
  });
});
