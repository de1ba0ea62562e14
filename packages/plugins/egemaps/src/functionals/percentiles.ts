/**
 * openSMILE's linearly interpolated percentile (cFunctionalPercentiles, interp = 1) of ascending `sorted`:
 * position p (n - 1), interpolated between its floor and ceiling. 0 for empty input.
 */
export function interpolatedPercentile(sorted: ArrayLike<number>, p: number, length = sorted.length): number {
  if (length === 0) return 0;
  const position = p * (length - 1);
  const lower = Math.min(length - 1, Math.max(0, Math.floor(position)));
  const upper = Math.min(length - 1, Math.max(0, Math.ceil(position)));
  if (lower === upper) return sorted[lower];
  return sorted[lower] * (upper - position) + sorted[upper] * (position - lower);
}
