import { fromScale, toScale, type FrequencyScale } from './frequency-scales';

export interface FilterbankOptions {
  /** FFT length the spectrum came from (bins = fftSize / 2 + 1). */
  fftSize: number;
  sampleRate: number;
  bands: number;
  lowHz: number;
  highHz: number;
  scale?: FrequencyScale;
}

/**
 * Triangular filters of unit height whose edges and centres are equally spaced on a perceptual scale
 * between lowHz and highHz (bands + 2 points; band m rises from point m to m+1 and falls to m+2), the
 * standard HTK / openSMILE cMelspec bank. Stored sparsely: band m covers bins first[m] .. first[m] +
 * length[m] - 1 with weights at weights[offset[m] ...].
 */
export interface Filterbank {
  readonly bands: number;
  readonly bins: number;
  /** Centre frequency of each band, Hz. */
  readonly centres: Float64Array;
  readonly first: Int32Array;
  readonly length: Int32Array;
  readonly offset: Int32Array;
  readonly weights: Float64Array;
}

export function triangularFilterbank(options: FilterbankOptions): Filterbank {
  const { fftSize, sampleRate, bands } = options;
  const scale = options.scale ?? 'mel';
  const nyquist = sampleRate / 2;
  const lowHz = Math.max(0, Math.min(options.lowHz, nyquist));
  const highHz = Math.min(options.highHz > lowHz ? options.highHz : nyquist, nyquist);
  const bins = fftSize / 2 + 1;
  const lo = toScale(lowHz, scale);
  const hi = toScale(highHz, scale);
  const step = (hi - lo) / (bands + 1);
  const points = Float64Array.from({ length: bands + 2 }, (_, m) => lo + m * step);
  const binScale = Float64Array.from({ length: bins }, (_, k) => toScale((k * sampleRate) / fftSize, scale));
  const first = new Int32Array(bands);
  const length = new Int32Array(bands);
  const offset = new Int32Array(bands);
  const all: number[] = [];
  for (let m = 0; m < bands; m++) {
    const left = points[m];
    const centre = points[m + 1];
    const right = points[m + 2];
    let start = -1;
    const w: number[] = [];
    for (let k = 0; k < bins; k++) {
      const s = binScale[k];
      const hz = (k * sampleRate) / fftSize;
      if (hz < lowHz || hz > highHz || s <= left || s >= right) {
        if (start >= 0) break;
        continue;
      }
      if (start < 0) start = k;
      w.push(s <= centre ? (s - left) / (centre - left) : (right - s) / (right - centre));
    }
    first[m] = Math.max(0, start);
    length[m] = w.length;
    offset[m] = all.length;
    all.push(...w);
  }
  return {
    bands,
    bins,
    centres: Float64Array.from({ length: bands }, (_, m) => fromScale(points[m + 1], scale)),
    first,
    length,
    offset,
    weights: Float64Array.from(all),
  };
}

/** out[m] = sum_k weight_mk * spectrum[k]. */
export function applyFilterbank(bank: Filterbank, spectrum: ArrayLike<number>, out: Float32Array | Float64Array): void {
  const { first, length, offset, weights } = bank;
  for (let m = 0; m < bank.bands; m++) {
    let sum = 0;
    const f = first[m];
    const o = offset[m];
    const n = length[m];
    for (let j = 0; j < n; j++) sum += weights[o + j] * spectrum[f + j];
    out[m] = sum;
  }
}
