import fs from 'node:fs';
import path from 'node:path';
import type { Score, ScoreSummary } from '../experiment/evaluate';
import type { UnitResult } from '../experiment/unit-result';
import { conditionName } from '../experiment/plan-units';
import { readUnitFile } from '../experiment/unit-file';
import { readChecksums, readVerifiedRunFile } from '../results/checksums';
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

/**
 * Reads a finished run folder; units come back in the order the runner planned them. Every file read is
 * checked against the run's SHA256SUMS (when it has one) and each unit file against its own checksum.
 */
export function loadRun(runDir: string): LoadedRun {
  const sums = readChecksums(runDir);
  const read = (name: string) => {
    const file = path.join(runDir, name);
    if (!fs.existsSync(file)) throw new BadInputError(`run folder has no ${name} (is the run finished?)`, file);
    try {
      return JSON.parse(readVerifiedRunFile(runDir, name, sums).toString('utf8'));
    } catch (error) {
      if (error instanceof BadInputError) throw error;
      throw new BadInputError(`unreadable (${(error as Error).message})`, file);
    }
  };
  const spec = read('spec.json') as ExperimentSpec;
  const metrics = read('metrics.json') as { summary: ScoreSummary[]; scores: Score[] };
  const unitsDir = path.join(runDir, 'units');
  const units = fs
    .readdirSync(unitsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = path.join(unitsDir, f);
      readVerifiedRunFile(runDir, path.join('units', f), sums);
      const read = readUnitFile(file);
      if (!read.ok) throw new BadInputError(`unit file cannot be trusted: ${read.reason}`, file);
      return read.result;
    });
  units.sort((a, b) => planRank(spec, a) - planRank(spec, b));
  return { runDir, spec, units, summary: metrics.summary, scores: metrics.scores };
}
