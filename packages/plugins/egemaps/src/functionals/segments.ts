/** Segment statistics in seconds, as openSMILE's cFunctionalSegments reports them with norm = second. */
export interface SegmentStatistics {
  segmentsPerSecond: number;
  meanLength: number;
  stddevLength: number;
}

/**
 * cFunctionalSegments with segmentationAlgorithm nonX (`inside(v)` = v != X) or eqX (`inside(v)` = v == X),
 * segMinLng 3, pauseMinLng 2, maxNumSeg 1000: a segment starts at the first of at least 3 consecutive inside
 * frames and ends when at least 2 consecutive outside frames follow (or at the end of the input). openSMILE
 * records a segment's length as (index of its last frame - index of its first frame), one frame less than
 * it holds, and so do we. Lengths and the rate are in seconds (frame `period`); the standard deviation is the
 * population one (0 for fewer than 2 segments).
 */
export function segmentStatistics(values: ArrayLike<number>, n: number, period: number, inside: (v: number) => boolean): SegmentStatistics {
  const segMinLength = 3;
  const pauseMinLength = 2;
  const maxSegments = 1000;
  const lengths: number[] = [];
  let state = 0; // 0 pause, 1 candidate, 2 in segment
  let start = 0;
  let segStart = 0;
  let segEnd = 0;
  const add = (end: number) => {
    if (lengths.length < maxSegments) lengths.push(end - start);
  };
  let i = 0;
  for (; i < n; i++) {
    if (inside(values[i])) {
      if (state === 1) {
        segEnd = 0;
        segStart++;
        if (segStart >= segMinLength) {
          segStart = 0;
          state = 2;
        }
      } else if (state === 0) {
        segStart++;
        start = i;
        state = 1;
      } else segEnd = 0;
    } else if (state === 2) {
      segStart = 0;
      segEnd++;
      if (segEnd >= pauseMinLength) {
        state = 0;
        add(i - segEnd);
        segEnd = 0;
      }
    } else if (state === 1) {
      segEnd++;
      if (segEnd >= pauseMinLength) {
        state = 0;
        segEnd = 0;
        segStart = 0;
      }
    }
  }
  if (state === 2) {
    segEnd++;
    add(i - segEnd);
  }
  const count = lengths.length;
  const total = lengths.reduce((s, v) => s + v, 0);
  const mean = count > 1 ? total / count : total;
  let deviation = 0;
  if (count > 1) {
    for (const l of lengths) deviation += (l - mean) * (l - mean);
    deviation = Math.sqrt(deviation / count);
  }
  return { segmentsPerSecond: n > 0 ? count / (n * period) : 0, meanLength: mean * period, stddevLength: deviation * period };
}
