import fs from 'node:fs';
import path from 'node:path';
import type { Score, ScoreSummary } from '../experiment/evaluate';
import { unitResultFromJson, type UnitResult } from '../experiment/unit-result';
import { conditionName } from '../experiment/plan-units';
import type { ExperimentSpec } from '../spec/experiment-spec';
import { BadInputError } from '../runtime/errors';

/** A finished run read back from its folder (for notebooks and `emotrans paper`). */
export interface LoadedRun {
  readonly runDir: string;
  readonly spec: ExperimentSpec;
  readonly units: UnitResult[];
  readonly summary: ScoreSummary[];
  readonly scores: Score[];
}

/** Position of a unit in the runner's plan (target, repetition, intra folds, then source x transfer). */
function planRank(spec: ExperimentSpec, unit: UnitResult): number {
  const domains = Object.keys(spec.corpora);
  const transfers = spec.transfer.map(conditionName);
  const target = spec.protocol.targets?.indexOf(unit.target) ?? domains.indexOf(unit.target);
  const block = unit.condition === 'intra' ? 0 : 1 + domains.indexOf(unit.source) * transfers.length + transfers.indexOf(unit.condition);
  return ((target * 1e4 + unit.repetition) * 1e4 + block) * 1e4 + unit.fold;
}

/** Reads a finished run folder; units come back in the order the runner planned them. */
export function loadRun(runDir: string): LoadedRun {
  const read = (name: string) => {
    const file = path.join(runDir, name);
    if (!fs.existsSync(file)) throw new BadInputError(`run folder has no ${name} (is the run finished?)`, file);
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  };
  const spec = read('spec.json') as ExperimentSpec;
  const metrics = read('metrics.json') as { summary: ScoreSummary[]; scores: Score[] };
  const unitsDir = path.join(runDir, 'units');
  const units = fs
    .readdirSync(unitsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => unitResultFromJson(JSON.parse(fs.readFileSync(path.join(unitsDir, f), 'utf8'))));
  units.sort((a, b) => planRank(spec, a) - planRank(spec, b));
  return { runDir, spec, units, summary: metrics.summary, scores: metrics.scores };
}
