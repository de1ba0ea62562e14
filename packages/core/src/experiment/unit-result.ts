import type { Traces } from '../data/traces';

/** Gold and predicted traces of one test sequence in one unit. */
export interface SequencePrediction {
  readonly sequence: string;
  readonly gold: Traces;
  readonly predicted: Traces;
}

/** What a finished unit leaves behind (written atomically, so a resumed run can skip it). */
export interface UnitResult {
  readonly key: string;
  readonly target: string;
  readonly source: string;
  readonly condition: string;
  readonly fold: number;
  readonly repetition: number;
  readonly seconds: number;
  readonly predictions: readonly SequencePrediction[];
}

/**
 * A number as JSON: finite numbers as they are; NaN and the infinities as the strings "NaN", "Infinity",
 * "-Infinity" (plain JSON would turn them into null, read back as 0).
 */
const numberToJson = (x: number): number | string => (Number.isFinite(x) ? x : String(x));

function numberFromJson(x: unknown): number {
  if (typeof x === 'number') return x;
  if (x === 'NaN' || x === 'Infinity' || x === '-Infinity') return Number(x);
  // null is what older files hold for a non-finite value: NaN, never 0.
  if (x === null) return NaN;
  throw new Error(`expected a number, got ${JSON.stringify(x)}`);
}

/** JSON form of a unit result: typed arrays as plain arrays, non-finite values spelled out. */
export function unitResultToJson(result: UnitResult): Record<string, unknown> {
  const traces = (t: Traces) => ({ times: Array.from(t.times, numberToJson), arousal: Array.from(t.arousal, numberToJson), valence: Array.from(t.valence, numberToJson) });
  return {
    ...result,
    predictions: result.predictions.map((p) => ({ sequence: p.sequence, gold: traces(p.gold), predicted: traces(p.predicted) })),
  };
}

/** A unit result from its JSON form; throws when the shape is not that of a unit result. */
export function unitResultFromJson(json: unknown): UnitResult {
  type TracesJson = { times: unknown[]; arousal: unknown[]; valence: unknown[] };
  const raw = json as Omit<UnitResult, 'predictions'> & { predictions: { sequence: string; gold: TracesJson; predicted: TracesJson }[] };
  if (!raw || typeof raw.key !== 'string' || !Array.isArray(raw.predictions)) throw new Error('not a unit result (no key or predictions)');
  const traces = (t: TracesJson): Traces => {
    if (!t || !Array.isArray(t.times) || !Array.isArray(t.arousal) || !Array.isArray(t.valence) || t.arousal.length !== t.times.length || t.valence.length !== t.times.length) {
      throw new Error('traces of unequal or missing lengths');
    }
    return { times: Float64Array.from(t.times, numberFromJson), arousal: Float32Array.from(t.arousal, numberFromJson), valence: Float32Array.from(t.valence, numberFromJson) };
  };
  return { ...raw, predictions: raw.predictions.map((p) => ({ sequence: p.sequence, gold: traces(p.gold), predicted: traces(p.predicted) })) };
}
