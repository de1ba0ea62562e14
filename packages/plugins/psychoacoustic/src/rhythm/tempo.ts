/** Tempo search range (beats per minute) and the log-Gaussian tempo preference (Ellis 2007). */
const MIN_BPM = 60;
const MAX_BPM = 200;
const PREFERRED_BPM = 120;
const PREFERENCE_OCTAVES = 1;

/**
 * Tempo (BPM) of the onset-strength frames [from, to) by autocorrelation: the mean-removed strength is
 * autocorrelated over lags of 0.3-1 s, each lag weighted by a log-Gaussian preference around 120 BPM
 * (one octave wide); the best lag is refined parabolically. 0 when the stretch has no periodicity
 * (flat strength or no positive weighted autocorrelation).
 */
export function estimateTempo(strength: Float32Array, frameRate: number, from: number, to: number): number {
  const start = Math.max(0, from);
  const end = Math.min(strength.length, to);
  const n = end - start;
  const minLag = Math.floor((60 / MAX_BPM) * frameRate);
  const maxLag = Math.ceil((60 / MIN_BPM) * frameRate);
  if (n < 2 * minLag + 2) return 0;
  let mean = 0;
  for (let i = start; i < end; i++) mean += strength[i];
  mean /= n;
  let energy = 0;
  for (let i = start; i < end; i++) energy += (strength[i] - mean) ** 2;
  if (!(energy > 0)) return 0;
  const lastLag = Math.min(maxLag + 1, n - 2);
  const scores = new Float64Array(lastLag + 2);
  for (let lag = minLag - 1; lag <= lastLag; lag++) {
    let sum = 0;
    for (let i = start; i + lag < end; i++) sum += (strength[i] - mean) * (strength[i + lag] - mean);
    // Unbiased normalisation so long lags are not penalised by having fewer products.
    const r = sum / (n - lag) / (energy / n);
    const bpm = (60 * frameRate) / lag;
    const octaves = Math.log2(bpm / PREFERRED_BPM) / PREFERENCE_OCTAVES;
    scores[lag] = r * Math.exp(-0.5 * octaves * octaves);
  }
  let best = -1;
  for (let lag = minLag; lag <= Math.min(maxLag, lastLag - 1); lag++) {
    if (scores[lag] > 0 && (best < 0 || scores[lag] > scores[best])) best = lag;
  }
  if (best < 0) return 0;
  const a = scores[best - 1];
  const b = scores[best];
  const c = scores[best + 1];
  const denominator = a - 2 * b + c;
  const delta = denominator < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / denominator)) : 0;
  return (60 * frameRate) / (best + delta);
}
