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

/** JSON form of a unit result: typed arrays as plain arrays. */
export function unitResultToJson(result: UnitResult): unknown {
  const traces = (t: Traces) => ({ times: Array.from(t.times), arousal: Array.from(t.arousal), valence: Array.from(t.valence) });
  return {
    ...result,
    predictions: result.predictions.map((p) => ({ sequence: p.sequence, gold: traces(p.gold), predicted: traces(p.predicted) })),
  };
}

export function unitResultFromJson(json: unknown): UnitResult {
  type TracesJson = { times: number[]; arousal: number[]; valence: number[] };
  const raw = json as Omit<UnitResult, 'predictions'> & { predictions: { sequence: string; gold: TracesJson; predicted: TracesJson }[] };
  const traces = (t: TracesJson): Traces => ({
    times: Float64Array.from(t.times),
    arousal: Float32Array.from(t.arousal),
    valence: Float32Array.from(t.valence),
  });
  return { ...raw, predictions: raw.predictions.map((p) => ({ sequence: p.sequence, gold: traces(p.gold), predicted: traces(p.predicted) })) };
}
