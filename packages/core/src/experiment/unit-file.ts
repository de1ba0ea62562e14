import path from 'node:path';
import { readSealedJson, writeSealedJson } from '../results/sealed-json';
import type { Unit } from './plan-units';
import { unitResultFromJson, unitResultToJson, type UnitResult } from './unit-result';

/** Where a unit's result lives in a run folder: `units/<key with / as __>.json`. */
export const unitFile = (runDir: string, unit: Pick<Unit, 'key'>) => path.join(runDir, 'units', `${unit.key.replace(/\//g, '__')}.json`);

/** Writes a finished unit's result, sealed with its checksum (atomically). */
export function writeUnitFile(runDir: string, unit: Pick<Unit, 'key'>, result: UnitResult): void {
  writeSealedJson(unitFile(runDir, unit), unitResultToJson(result));
}

export type UnitFileRead = { readonly ok: true; readonly result: UnitResult } | { readonly ok: false; readonly reason: string };

/**
 * Reads a unit file and checks it can be trusted: its checksum, its shape, and — when the unit is given —
 * that it is that unit's result (same key, target, source, condition, fold, repetition and exactly the
 * unit's test sequences), so a file copied over another unit's name is never reused.
 */
export function readUnitFile(file: string, unit?: Unit): UnitFileRead {
  const sealed = readSealedJson(file);
  if (!sealed.ok) return sealed;
  let result: UnitResult;
  try {
    result = unitResultFromJson(sealed.value);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (!unit) return { ok: true, result };
  for (const field of ['key', 'target', 'source', 'condition', 'fold', 'repetition'] as const) {
    if (result[field] !== unit[field]) return { ok: false, reason: `it is not the result of unit ${unit.key} (its ${field} is ${JSON.stringify(result[field])})` };
  }
  const tested = result.predictions.map((p) => p.sequence).sort();
  const expected = [...unit.testIds].sort();
  if (tested.length !== expected.length || tested.some((id, i) => id !== expected[i])) {
    return { ok: false, reason: `its test sequences are not those of unit ${unit.key}` };
  }
  return { ok: true, result };
}
