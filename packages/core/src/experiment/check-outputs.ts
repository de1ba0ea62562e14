import type { FeatureMatrix } from '../data/feature-matrix';
import type { Traces } from '../data/traces';
import { RunFailure, type FailureSite } from '../runtime/errors';

/*
 * What the runner checks of a contribution's output before using it: a feature set, a transfer method or a
 * regressor that returns NaN, infinities, no columns or times that go backwards fails its unit, naming the
 * contribution, instead of turning into NaN tables or silently wrong scores.
 */

/** Typed-array checks that hold across realms (a plugin defined in a notebook's vm context has its own Float32Array). */
const isFloat32 = (x: unknown): x is Float32Array => Object.prototype.toString.call(x) === '[object Float32Array]';
const isFloat64 = (x: unknown): x is Float64Array => Object.prototype.toString.call(x) === '[object Float64Array]';

function failure(site: FailureSite, subject: string, problem: string): RunFailure {
  return new RunFailure(`${site.where ? `${site.where}: ` : ''}${site.kind} '${site.id}' returned ${subject} that ${problem} (${site.step})`);
}

/** Checks a feature matrix a feature set or transfer method returned; `rows`: the row count it must have. */
export function checkFeatureOutput(matrix: FeatureMatrix, site: FailureSite, subject: string, rows?: number): void {
  if (!matrix || !isFloat32(matrix.data) || !isFloat64(matrix.times) || !Array.isArray(matrix.names)) {
    throw failure(site, subject, 'is not a feature matrix (names, times: Float64Array, data: Float32Array)');
  }
  if (matrix.cols === 0 || matrix.names.length === 0) throw failure(site, subject, 'has 0 feature columns');
  if (matrix.names.length !== matrix.cols || matrix.times.length !== matrix.rows || matrix.data.length !== matrix.rows * matrix.cols) {
    throw failure(site, subject, `is inconsistent: ${matrix.names.length} names, ${matrix.cols} columns, ${matrix.times.length} times, ${matrix.rows} rows, ${matrix.data.length} values`);
  }
  if (rows !== undefined && matrix.rows !== rows) throw failure(site, subject, `has ${matrix.rows} rows for an input of ${rows}`);
  if (!(matrix.frameRate > 0) || !Number.isFinite(matrix.frameRate)) throw failure(site, subject, `has a frame rate of ${matrix.frameRate}`);
  const { times, data, cols } = matrix;
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(times[i])) throw failure(site, subject, `has a non-finite time (${times[i]}) at row ${i}`);
    if (i > 0 && !(times[i] > times[i - 1])) throw failure(site, subject, `has times that do not increase (row ${i}: ${times[i]} s after ${times[i - 1]} s)`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw failure(site, subject, `has a non-finite value (${data[i]}) in feature '${matrix.names[i % cols]}' at row ${Math.floor(i / cols)}`);
    }
  }
}

/** Checks the traces a regressor predicted for a sequence of `rows` feature rows. */
export function checkPredictionOutput(traces: Traces, rows: number, site: FailureSite, subject: string): void {
  if (!traces || !isFloat32(traces.arousal) || !isFloat32(traces.valence)) {
    throw failure(site, subject, 'are not traces (arousal and valence as Float32Array)');
  }
  for (const dimension of ['arousal', 'valence'] as const) {
    const values = traces[dimension];
    if (values.length !== rows) throw failure(site, subject, `have ${values.length} ${dimension} values for ${rows} feature rows`);
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw failure(site, subject, `have a non-finite ${dimension} value (${values[i]}) at row ${i}`);
    }
  }
}
