import { BadInputError } from '@emotrans/core';

/** One dimension's annotation of one item, as read from a file (original scale). */
export interface DimensionSeries {
  readonly times: readonly number[];
  readonly values: readonly number[];
  /** Where it was read, for messages: file and the line of its first point. */
  readonly file: string;
  readonly line: number;
}

/** Arousal and valence of one item at common times (original scale), with where they came from. */
export interface AnnotationSeries {
  readonly id: string;
  readonly times: readonly number[];
  readonly arousal: readonly number[];
  readonly valence: readonly number[];
  readonly file: string;
  readonly line: number;
  /** Group (speaker, piece) when the annotations say it; otherwise the loader decides. */
  readonly group?: string;
}

/** Checks that times strictly increase; a repeated or backwards time is a BadInputError naming the line. */
export function assertIncreasing(times: readonly number[], lines: readonly number[] | number, file: string, id: string): void {
  for (let i = 1; i < times.length; i++) {
    if (!(times[i] > times[i - 1])) {
      const line = typeof lines === 'number' ? lines : lines[i];
      throw new BadInputError(
        `line ${line}: time ${times[i]} of '${id}' ${times[i] === times[i - 1] ? 'repeats the previous time' : `comes after ${times[i - 1]}`} (times must increase)`,
        file,
      );
    }
  }
}

/** One row of a long-format annotation table (a row per item and time), with the line it was read from. */
export interface AnnotationPoint {
  readonly t: number;
  readonly a: number;
  readonly v: number;
  readonly line: number;
}

/**
 * The series of each item of a long-format table: its points in time order (times must then strictly
 * increase), placed at the item's first line in `file`.
 */
export function seriesFromPoints(points: ReadonlyMap<string, AnnotationPoint[]>, file: string): AnnotationSeries[] {
  return [...points].map(([id, list]) => {
    list.sort((p, q) => p.t - q.t);
    const times = list.map((p) => p.t);
    assertIncreasing(times, list.map((p) => p.line), file, id);
    // A loop, not Math.min(...lines): spreading 200k points overflows the stack.
    const line = list.reduce((first, p) => Math.min(first, p.line), Infinity);
    return { id, times, arousal: list.map((p) => p.a), valence: list.map((p) => p.v), file, line };
  });
}

/**
 * Joins separately annotated arousal and valence at the times both have (within 1 ms); `unpaired` counts the
 * points only one dimension had, for the report.
 */
export function joinDimensions(id: string, arousal: DimensionSeries, valence: DimensionSeries): { series: AnnotationSeries; unpaired: number } {
  const times: number[] = [];
  const a: number[] = [];
  const v: number[] = [];
  let j = 0;
  for (let i = 0; i < arousal.times.length; i++) {
    const t = arousal.times[i];
    while (j < valence.times.length && valence.times[j] < t - 1e-3) j++;
    if (j < valence.times.length && Math.abs(valence.times[j] - t) <= 1e-3) {
      times.push(t);
      a.push(arousal.values[i]);
      v.push(valence.values[j]);
    }
  }
  return {
    series: { id, times, arousal: a, valence: v, file: arousal.file, line: arousal.line },
    unpaired: arousal.times.length + valence.times.length - 2 * times.length,
  };
}
