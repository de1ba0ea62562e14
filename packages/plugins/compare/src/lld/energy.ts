/** openSMILE cEnergy with rms=1, log=0: sqrt(mean(x^2)) on the raw sample scale ([-1, 1] floats). */
export function rmsEnergy(frame: ArrayLike<number>): number {
  const n = frame.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += frame[i] * frame[i];
  return Math.sqrt(sum / n);
}

/**
 * openSMILE cMZcr zero-crossing rate: sign changes between neighbouring samples (or a zero sample between
 * samples of opposite sign), counted over samples 1 .. n-2 and divided by the frame length n; a sine at f Hz
 * gives about 2 f / sampleRate.
 */
export function zeroCrossingRate(frame: ArrayLike<number>): number {
  const n = frame.length;
  if (n < 3) return 0;
  let crossings = 0;
  let prev = frame[0];
  let cur = frame[1];
  for (let i = 1; i < n - 1; i++) {
    const next = frame[i + 1];
    // the same test as `prev * cur < 0 || (cur === 0 && prev * next <= 0)`, with one branch that is almost
    // always taken the same way (neighbours mostly share their sign)
    const product = prev * cur;
    if (product <= 0 && (product < 0 || (cur === 0 && prev * next <= 0))) crossings++;
    prev = cur;
    cur = next;
  }
  return crossings / n;
}
