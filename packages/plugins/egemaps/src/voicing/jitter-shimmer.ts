import { OpensmilePeriodStatistics, correlation, parabolaVertex, peakToPeakInner } from '../compare-building-blocks';
import { GEMAPS_PITCH } from './gemaps-pitch-config';

/** jitterLocal and shimmerLocaldB per frame (0 when unvoiced). */
export interface JitterShimmer {
  readonly jitterLocal: Float32Array;
  readonly shimmerLocalDB: Float32Array;
}

/**
 * jitterLocal and shimmerLocalDB as openSMILE 3.0's cPitchJitter computes them for GeMAPS (searchRangeRel 0.1,
 * minNumPeriods 2, minCC 0.5, useBrokenJitterThresh 0), from its definitions.
 *
 * Each voiced frame analyses a run of the waveform that starts where the previous frame's last period began
 * (at the frame start after an unvoiced frame or a break in the frame grid) and covers the rest of the previous
 * hops plus one hop, at least 2 ceil(1.1 T0) + 2 samples, at most the carried samples plus one frame. A cursor
 * walks through the run: for every lag L in [floor(0.9 T0), ceil(1.1 T0)] the Pearson correlation of
 * x[c, c+L) with x[c+L, c+2L); the largest strict local maximum (the end lags excluded) is the period (the
 * cursor moves by it), else the cursor moves by round(T0). A period whose parabolically refined correlation
 * exceeds 0.5 counts, with its refined length and the peak-to-peak amplitudes of it and of the stretch after it
 * (first and last sample left out). The frame statistics (carry-over within a voiced run, clipping at 1) are
 * the compare plugin's OpensmilePeriodStatistics; shimmerLocalDB = 20 log10(1 + shimmerLocal).
 */
export function gemapsJitterShimmer(
  samples: Float32Array,
  sampleRate: number,
  frameStarts: Int32Array,
  frameLength: number,
  hopLength: number,
  f0: Float32Array,
): JitterShimmer {
  const p = GEMAPS_PITCH;
  const frames = f0.length;
  const out: JitterShimmer = { jitterLocal: new Float32Array(frames), shimmerLocalDB: new Float32Array(frames) };
  const statistics = new OpensmilePeriodStatistics();
  let readStart = 0;
  let carried = 0;
  let run = new Float64Array(0);
  let scores = new Float64Array(0);
  const vertex = new Float64Array(2);

  for (let f = 0; f < frames; f++) {
    const F0 = f0[f];
    const hopRead = hopLength + carried;
    let toRead = hopRead;
    let maxRead = carried + frameLength;
    const voiced = F0 > 0;
    const expected = voiced ? sampleRate / F0 : 0;
    const minLag = Math.floor((1 - p.searchRangeRel) * expected);
    const maxLag = Math.ceil((1 + p.searchRangeRel) * expected);
    if (voiced) toRead = Math.max(toRead, p.minNumPeriods * maxLag + p.minNumPeriods);
    toRead = Math.min(toRead, maxRead);
    if (frameStarts[f] - carried !== readStart) {
      readStart = frameStarts[f];
      toRead = Math.min(toRead, frameLength);
      maxRead = Math.min(maxRead, frameLength);
    }
    if (!voiced) {
      readStart += hopRead;
      carried = 0;
      statistics.unvoicedFrame();
      continue;
    }
    // openSMILE reads 16-bit PCM as single-precision s / 32767
    if (run.length < toRead) run = new Float64Array(2 * toRead);
    const x = run;
    const n = toRead;
    for (let k = 0; k < n; k++) {
      const s = readStart + k;
      x[k] = s >= 0 && s < samples.length ? Math.fround((samples[s] * 32768) / 32767) : 0;
    }
    const lags = maxLag - minLag + 1;
    if (scores.length < lags) scores = new Float64Array(2 * lags);

    statistics.beginFrame();
    let cursor = 0;
    let consumed = 0;
    while (cursor < n - 2 * maxLag - 1) {
      for (let L = minLag; L <= maxLag; L++) scores[L - minLag] = correlation(x, cursor, cursor + L, L);
      let best = -1;
      for (let i = 1; i < lags - 2; i++) {
        const c = scores[i];
        if (scores[i - 1] < c && c > scores[i + 1] && (best < 0 || c > scores[best])) best = i;
      }
      if (best < 0) {
        cursor += Math.round(expected);
      } else {
        const step = minLag + best;
        const start = cursor;
        cursor += step;
        parabolaVertex(best - 1, scores[best - 1], best, scores[best], best + 1, scores[best + 1], vertex);
        const offset = vertex[0];
        const rho = vertex[1];
        if (rho > p.minPeriodCorrelation) {
          statistics.addPeriod(Math.abs(minLag + offset) / sampleRate, peakToPeakInner(x, start, step), peakToPeakInner(x, cursor, step));
        }
      }
      if (cursor < hopRead - 1) consumed = cursor;
    }
    carried = hopRead - consumed;
    readStart += consumed;
    statistics.endFrame();
    out.jitterLocal[f] = statistics.jitterLocal;
    out.shimmerLocalDB[f] = 20 * Math.log10(statistics.shimmerLocal + 1);
  }
  return out;
}
