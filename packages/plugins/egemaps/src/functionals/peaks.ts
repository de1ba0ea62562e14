/** What openSMILE's cFunctionalPeaks2 gives for eGeMAPS: the peak rate and rising/falling slope statistics. */
export interface PeakStatistics {
  /** Peaks per second. */
  peaksPerSecond: number;
  meanRisingSlope: number;
  stddevRisingSlope: number;
  meanFallingSlope: number;
  stddevFallingSlope: number;
}

/** A doubly linked list of extrema over typed arrays (removals while iterating, as openSMILE's list). */
class ExtremaList {
  readonly type: Uint8Array;
  readonly x: Int32Array;
  readonly y: Float64Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  first = -1;
  last = -1;
  size = 0;

  constructor(capacity: number) {
    this.type = new Uint8Array(capacity);
    this.x = new Int32Array(capacity);
    this.y = new Float64Array(capacity);
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
  }

  add(type: number, y: number, x: number): void {
    const i = this.size++;
    this.type[i] = type;
    this.x[i] = x;
    this.y[i] = y;
    this.next[i] = -1;
    this.prev[i] = this.last;
    if (this.first < 0) this.first = i;
    else this.next[this.last] = i;
    this.last = i;
  }

  /** Unlinks i; its own `next` stays readable, as the iteration needs it. */
  remove(i: number): void {
    const p = this.prev[i];
    const n = this.next[i];
    if (p >= 0) {
      this.next[p] = n;
      if (n >= 0) this.prev[n] = p;
      else this.last = p;
    } else {
      this.first = n;
      if (n >= 0) this.prev[n] = -1;
      else this.last = -1;
    }
  }
}

const MAX = 1;
const MIN = 0;

/**
 * cFunctionalPeaks2 with relThresh 0.1 (absolute threshold 0.1 x range), dynRelThresh 0, on `values`
 * (n frames of `period` seconds):
 * 1. every strict local maximum / minimum of frames 2 .. n-3 is listed;
 * 2. a maximum that rose less than the threshold from the previous extremum and less than it above the last
 *    kept minimum is dropped; if it rose less than the threshold but reaches 1.05 x the last kept maximum, that
 *    one is dropped instead; otherwise it stays only right after a kept minimum; a minimum counts as kept when
 *    it fell at least the threshold from the previous extremum;
 * 3. minima less than the threshold below the preceding maximum are dropped;
 * 4. runs of same-type extrema keep only the highest maximum / lowest minimum;
 * then slopes between consecutive extrema (value difference over time, in units per second) are rising
 * (min -> max) or falling (max -> min), the stretch from the last extremum to the last frame adds one more,
 * and without any extremum the whole contour counts as one slope of (last - first) / n (per frame, as
 * openSMILE has it). Means and population standard deviations of each kind.
 */
export function peakStatistics(values: ArrayLike<number>, n: number, period: number): PeakStatistics {
  const out: PeakStatistics = { peaksPerSecond: 0, meanRisingSlope: 0, stddevRisingSlope: 0, meanFallingSlope: 0, stddevFallingSlope: 0 };
  if (n <= 0) return out;
  let min = values[0];
  let max = values[0];
  for (let i = 1; i < n; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  const threshold = Math.fround(0.1 * Math.fround(max - min));
  const below = (diff: number) => diff < threshold;
  const list = new ExtremaList(Math.max(1, n));
  for (let i = 2; i < n - 2; i++) {
    if (values[i] > values[i - 1] && values[i] > values[i + 1]) list.add(MAX, values[i], i);
    else if (values[i] < values[i - 1] && values[i] < values[i + 1]) list.add(MIN, values[i], i);
  }

  // pass 2
  let lastValue = values[0];
  let lastMin = values[0];
  let lastMax = values[0];
  let minFlag = false;
  let lastMaxIndex = -1;
  for (let e = list.first; e >= 0; ) {
    const next = list.next[e];
    const y = list.y[e];
    if (list.type[e] === MAX) {
      if (below(Math.abs(y - lastValue))) {
        if (below(y - lastMin)) {
          list.remove(e);
        } else {
          if (y > lastMax * 1.05) {
            if (lastMaxIndex >= 0) list.remove(lastMaxIndex);
            lastMax = y;
            lastMaxIndex = e;
          } else if (minFlag) {
            lastMax = y;
            lastMaxIndex = e;
          } else {
            list.remove(e);
          }
          minFlag = false;
        }
      } else {
        minFlag = false;
        lastMax = y;
        lastMaxIndex = e;
      }
    } else if (!below(Math.abs(y - lastValue))) {
      minFlag = true;
      lastMin = y;
    }
    lastValue = y;
    e = next;
  }

  // pass 3
  lastMax = values[0];
  for (let e = list.first; e >= 0; ) {
    const next = list.next[e];
    if (list.type[e] === MIN) {
      if (below(lastMax - list.y[e])) list.remove(e);
    } else lastMax = list.y[e];
    e = next;
  }

  // pass 4
  let init = true;
  minFlag = false;
  let lastMinIndex = -1;
  lastMaxIndex = -1;
  lastMax = values[0];
  lastMin = values[0];
  for (let e = list.first; e >= 0; ) {
    const next = list.next[e];
    const y = list.y[e];
    if (list.type[e] === MIN) {
      if (!minFlag || init) {
        lastMin = y;
        lastMinIndex = e;
        minFlag = true;
        init = false;
      } else if (y >= lastMin) list.remove(e);
      else if (lastMinIndex !== e) {
        list.remove(lastMinIndex);
        lastMinIndex = e;
        lastMin = y;
      }
    } else if (minFlag || init) {
      lastMax = y;
      lastMaxIndex = e;
      minFlag = false;
      init = false;
    } else if (y <= lastMax) list.remove(e);
    else if (lastMaxIndex !== e) {
      list.remove(lastMaxIndex);
      lastMaxIndex = e;
      lastMax = y;
    }
    e = next;
  }

  let peaks = 0;
  for (let e = list.first; e >= 0; e = list.next[e]) if (list.type[e] === MAX) peaks++;
  out.peaksPerSecond = peaks / (n * period);

  // slopes
  const rising: number[] = [];
  const falling: number[] = [];
  let maxValue = values[0];
  let maxPos = 0;
  let minValue = values[0];
  let minPos = 0;
  let lastIsMax = -1;
  for (let e = list.first; e >= 0; e = list.next[e]) {
    if (list.type[e] === MIN) {
      minValue = list.y[e];
      minPos = list.x[e];
      if (minPos - maxPos > 0) {
        falling.push(Math.fround((maxValue - minValue) / Math.fround((minPos - maxPos) * period)));
        lastIsMax = 0;
      }
    } else {
      maxValue = list.y[e];
      maxPos = list.x[e];
      if (maxPos - minPos > 0) {
        rising.push(Math.fround((maxValue - minValue) / Math.fround((maxPos - minPos) * period)));
        lastIsMax = 1;
      }
    }
  }
  // the tail slope counts for the mean (and the count) but not for the standard deviation
  let risingSum = rising.reduce((s, v) => s + v, 0);
  let fallingSum = falling.reduce((s, v) => s + v, 0);
  let risingCount = rising.length;
  let fallingCount = falling.length;
  if (lastIsMax === 1) {
    if (n - 1 - maxPos > 0) {
      fallingSum += (values[n - 1] - maxValue) / ((n - 1 - maxPos) * period);
      fallingCount++;
    }
  } else if (lastIsMax === 0) {
    if (n - 1 - minPos > 0) {
      risingSum += (values[n - 1] - minValue) / ((n - 1 - minPos) * period);
      risingCount++;
    }
  } else {
    const slope = (values[n - 1] - values[0]) / n;
    if (slope > 0) {
      risingSum = slope;
      risingCount = 1;
    } else if (slope < 0) {
      fallingSum = slope;
      fallingCount = 1;
    }
  }
  const meanRising = risingCount > 1 ? risingSum / risingCount : risingSum;
  const meanFalling = fallingCount > 1 ? fallingSum / fallingCount : fallingSum;
  let risingVar = 0;
  for (const s of rising) risingVar += (s - meanRising) * (s - meanRising);
  let fallingVar = 0;
  for (const s of falling) fallingVar += (s - meanFalling) * (s - meanFalling);
  if (risingCount > 1) risingVar /= risingCount;
  if (fallingCount > 1) fallingVar /= fallingCount;
  out.meanRisingSlope = meanRising;
  out.meanFallingSlope = meanFalling;
  out.stddevRisingSlope = risingVar > 0 ? Math.sqrt(risingVar) : 0;
  out.stddevFallingSlope = fallingVar > 0 ? Math.sqrt(fallingVar) : 0;
  return out;
}
