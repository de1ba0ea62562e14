import type { FramedPitch } from './framed-pitch';

/** Settings of the period-level voice quality analysis. */
export interface PeriodAnalysisSettings {
  /** Periods are searched within (1 +/- searchRangeRel) / F0. */
  readonly searchRangeRel: number;
  /** Periods whose correlation with the following one is below this are not used for jitter/shimmer. */
  readonly minCorrelation: number;
  /** logHNR written for unvoiced frames, dB. */
  readonly logHnrFloor: number;
}

/** Output tracks (frameCount values each), filled in place. */
export interface VoiceQualityTracks {
  readonly jitterLocal: Float32Array;
  readonly jitterDDP: Float32Array;
  readonly shimmerLocal: Float32Array;
  readonly logHNR: Float32Array;
}

/**
 * Jitter, shimmer and HNR from the waveform, period by period (as openSMILE's cPitchJitter does it): inside
 * each voiced run a cursor walks the signal; at each step the cursor is moved to put the largest |x| of the
 * next period in the middle of a one-period stretch, and the period length is the lag in
 * [(1-r)T0, (1+r)T0] (T0 = 1/F0 of the frame) that maximises the normalised cross-correlation between that
 * stretch and the one a lag later (best local peak, parabolically refined). (openSMILE correlates from
 * wherever the previous period ended; centring on the pulse keeps the estimate from blending neighbouring
 * periods when the stretch straddles two pulses.) Each period belongs to the frame whose
 * hop-long slice around the frame centre holds the period's start. Per frame:
 *   jitterLocal  = mean |T_k - T_{k-1}| / mean T_k
 *   jitterDDP    = mean |(T_k - T_{k-1}) - (T_{k-1} - T_{k-2})| / mean T_k   (Praat's DDP)
 *   shimmerLocal = sum |A_k - A_{k+1}| / sum (A_k + A_{k+1}) / 2             (A = peak-to-peak amplitude)
 *   logHNR       = 10 log10(r / (1 - r)), r the mean period-to-period correlation (autocorrelation HNR)
 * Differences continue across frame boundaries within a voiced run; a voiced frame without a period of its
 * own repeats the previous frame's values; unvoiced frames get 0 (and the floor for logHNR).
 */
export function analysePeriods(
  input: FramedPitch,
  settings: PeriodAnalysisSettings,
  out: VoiceQualityTracks,
): void {
  const { samples, sampleRate, frameStarts, frameLength, hopLength, f0 } = input;
  const frames = f0.length;
  const n = samples.length;
  // Correlation per candidate lag, reused for every period (sized for the longest lag any F0 can ask for).
  let scores = new Float64Array(0);
  const maxCorrelation = 1 - 1e-10;
  let cursor = 0;
  let lastPeriod = 0;
  let lastDifference = 0;
  let hasDifference = false;
  let previous = { jitterLocal: 0, jitterDDP: 0, shimmerLocal: 0, logHNR: settings.logHnrFloor };
  let voicedBefore = false;

  for (let i = 0; i < frames; i++) {
    if (!(f0[i] > 0)) {
      out.jitterLocal[i] = 0;
      out.jitterDDP[i] = 0;
      out.shimmerLocal[i] = 0;
      out.logHNR[i] = settings.logHnrFloor;
      voicedBefore = false;
      continue;
    }
    const centre = frameStarts[i] + frameLength / 2;
    const sliceStart = Math.round(centre - hopLength / 2);
    const sliceEnd = sliceStart + hopLength;
    if (!voicedBefore || cursor < sliceStart) {
      // A new voiced run (or the cursor fell behind): start afresh at this frame's slice.
      if (!voicedBefore) {
        lastPeriod = 0;
        hasDifference = false;
        previous = { jitterLocal: 0, jitterDDP: 0, shimmerLocal: 0, logHNR: settings.logHnrFloor };
      }
      cursor = Math.max(0, sliceStart);
    }
    voicedBefore = true;

    const expected = sampleRate / f0[i];
    const minLag = Math.max(2, Math.floor((1 - settings.searchRangeRel) * expected));
    const maxLag = Math.ceil((1 + settings.searchRangeRel) * expected);
    // Compared stretches span one expected period whatever the lag, so a part of a period (e.g. a ramp)
    // cannot match another part of the same shape.
    const width = Math.ceil(expected);

    let periodSum = 0;
    let periods = 0;
    let localSum = 0;
    let locals = 0;
    let ddpSum = 0;
    let ddps = 0;
    let amplitudeSum = 0;
    let amplitudeDiffSum = 0;
    let correlationSum = 0;
    let correlations = 0;

    while (cursor < sliceEnd && cursor + maxLag + width + 1 < n) {
      // Centre the compared stretch on the strongest excitation of the period ahead, so that it holds one
      // pulse and not the edges of two (which would blend neighbouring period lengths).
      let peak = cursor;
      let peakValue = -1;
      for (let k = cursor; k < cursor + width; k++) {
        const a = Math.abs(samples[k]);
        if (a > peakValue) {
          peakValue = a;
          peak = k;
        }
      }
      cursor = Math.max(0, peak - (width >> 1));
      // Normalised cross-correlation of consecutive stretches for every candidate lag; keep the best local peak.
      if (scores.length < maxLag + 1) scores = new Float64Array(2 * (maxLag + 1));
      lagCorrelations(samples, cursor, minLag, maxLag, width, scores);
      let bestLag = -1;
      let bestValue = -2;
      let beforeValue = 0;
      let afterValue = 0;
      for (let lag = minLag + 1; lag < maxLag; lag++) {
        const c0 = scores[lag - 1];
        const c1 = scores[lag];
        const c2 = scores[lag + 1];
        if (c1 > c0 && c1 >= c2 && c1 > bestValue) {
          bestValue = c1;
          bestLag = lag;
          beforeValue = c0;
          afterValue = c2;
        }
      }
      if (bestLag < 0) {
        cursor += Math.round(expected);
        continue;
      }
      const denominator = beforeValue - 2 * bestValue + afterValue;
      const delta = denominator < 0 ? (0.5 * (beforeValue - afterValue)) / denominator : 0;
      const correlation = Math.min(maxCorrelation, bestValue - 0.25 * (beforeValue - afterValue) * delta);
      const period = (bestLag + delta) / sampleRate;
      correlationSum += correlation;
      correlations++;
      if (correlation > settings.minCorrelation) {
        const a0 = peakToPeak(samples, cursor, bestLag);
        const a1 = peakToPeak(samples, cursor + bestLag, bestLag);
        amplitudeSum += (a0 + a1) / 2;
        amplitudeDiffSum += Math.abs(a0 - a1);
        periodSum += period;
        periods++;
        if (lastPeriod > 0) {
          const difference = period - lastPeriod;
          localSum += Math.abs(difference);
          locals++;
          if (hasDifference) {
            ddpSum += Math.abs(difference - lastDifference);
            ddps++;
          }
          lastDifference = difference;
          hasDifference = true;
        }
        lastPeriod = period;
      }
      cursor += bestLag;
    }

    if (periods > 0) {
      const meanPeriod = periodSum / periods;
      if (locals > 0) previous.jitterLocal = Math.min(1, localSum / locals / meanPeriod);
      if (ddps > 0) previous.jitterDDP = Math.min(1, ddpSum / ddps / meanPeriod);
      previous.shimmerLocal = amplitudeSum > 0 ? Math.min(1, amplitudeDiffSum / amplitudeSum) : 0;
    }
    if (correlations > 0) {
      const r = correlationSum / correlations;
      previous.logHNR = r > 0 ? Math.max(settings.logHnrFloor, 10 * Math.log10(r / (1 - r))) : settings.logHnrFloor;
    }
    out.jitterLocal[i] = previous.jitterLocal;
    out.jitterDDP[i] = previous.jitterDDP;
    out.shimmerLocal[i] = previous.shimmerLocal;
    out.logHNR[i] = previous.logHNR;
  }
}

/**
 * Pearson correlation of x[start, start+width) with x[start+lag, start+lag+width) for lag = minLag..maxLag
 * into out[lag]. The sums of the fixed stretch are computed once and those of the moving one slide with the
 * lag, so each lag costs one pass for the cross products only.
 */
function lagCorrelations(x: Float32Array, start: number, minLag: number, maxLag: number, width: number, out: Float64Array): void {
  let sx = 0;
  let sxx = 0;
  for (let i = start; i < start + width; i++) {
    sx += x[i];
    sxx += x[i] * x[i];
  }
  const vx = sxx - (sx * sx) / width;
  let sy = 0;
  let syy = 0;
  for (let i = start + minLag; i < start + minLag + width; i++) {
    sy += x[i];
    syy += x[i] * x[i];
  }
  for (let lag = minLag; lag <= maxLag; lag++) {
    if (lag > minLag) {
      const leaving = x[start + lag - 1];
      const entering = x[start + lag + width - 1];
      sy += entering - leaving;
      syy += entering * entering - leaving * leaving;
    }
    let sxy = 0;
    const end = start + width;
    for (let i = start; i < end; i++) sxy += x[i] * x[i + lag];
    const vy = syy - (sy * sy) / width;
    // Relative floors: a (near-)constant stretch has no correlation, and rounding must not pass for variance.
    out[lag] = vx > 1e-12 * sxx && vy > 1e-12 * syy && vx > 0 && vy > 0 ? (sxy - (sx * sy) / width) / Math.sqrt(vx * vy) : 0;
  }
}

function peakToPeak(x: Float32Array, start: number, length: number): number {
  let max = -Infinity;
  let min = Infinity;
  for (let i = start; i < start + length; i++) {
    const v = x[i];
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return max - min;
}
