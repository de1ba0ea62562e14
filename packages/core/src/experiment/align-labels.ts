import { sliceRows, type FeatureMatrix } from '../data/feature-matrix';
import { createTraces, interpolateTrace, type Traces } from '../data/traces';

/** Feature rows and gold traces paired, with the number of feature rows dropped for lack of labels. */
export interface AlignedSequence {
  readonly features: FeatureMatrix;
  readonly targets: Traces;
  readonly droppedRows: number;
}

/**
 * Pairs each feature row with the annotation read at the row's time plus `delay` seconds (annotators react
 * late: delay compensation). Rows whose read time falls outside the annotated span (by more than half a
 * row) are dropped rather than extrapolated.
 */
export function alignLabels(features: FeatureMatrix, labels: Traces, delay = 0): AlignedSequence {
  const tolerance = 0.5 / features.frameRate;
  const first = labels.times[0] - tolerance;
  const last = labels.times[labels.times.length - 1] + tolerance;
  let start = 0;
  while (start < features.rows && features.times[start] + delay < first) start++;
  let end = features.rows;
  while (end > start && features.times[end - 1] + delay > last) end--;
  const kept = start === 0 && end === features.rows ? features : sliceRows(features, start, end);
  const at = kept.times.map((t) => t + delay);
  const targets = createTraces(
    kept.times,
    interpolateTrace(labels.times, labels.arousal, at),
    interpolateTrace(labels.times, labels.valence, at),
  );
  return { features: kept, targets, droppedRows: features.rows - kept.rows };
}
