import type { Random } from '../runtime/random';
import type { ContributionRef, ExperimentSpec, TransferRef } from '../spec/experiment-spec';
import { transferCondition } from '../spec/load-spec';
import type { DomainDataset } from './dataset';
import { outerFolds } from './folds';
import { BadInputError } from '../runtime/errors';

/** One cell of the experiment grid: a model trained and tested once. */
export interface Unit {
  /** Stable name, also the file name of its result: `music/cross+dae/speech/f0/r1`. */
  readonly key: string;
  readonly target: string;
  readonly source: string;
  /** `intra`, `cross`, or `cross+<transfer id>`. */
  readonly condition: string;
  /** Transfer method fitted for a cross condition; absent for intra and for direct transfer. */
  readonly transfer?: ContributionRef;
  readonly fold: number;
  readonly repetition: number;
  readonly trainIds: readonly string[];
  readonly testIds: readonly string[];
}

/** The condition of a spec's transfer entry (named by validation; see transferCondition). */
export function conditionName(ref: TransferRef): string {
  return ref.condition ?? transferCondition(ref);
}

/**
 * The grid: for each target domain, `intra` (folds over the target's own sequences) and, for each other
 * domain as source and each transfer method, a cross condition trained on all source sequences and
 * tested on all target sequences. Each is repeated with independent seeds.
 */
export function planUnits(spec: ExperimentSpec, datasets: ReadonlyMap<string, DomainDataset>, random: Random): Unit[] {
  const units: Unit[] = [];
  const { protocol } = spec;
  // Two entries under one condition would silently pool their predictions: refuse (validation names them).
  const conditions = spec.transfer.map(conditionName);
  const repeated = conditions.find((c, i) => conditions.indexOf(c) !== i);
  if (repeated) throw new BadInputError(`two transfer entries give condition '${repeated}'; give them distinct "label"s`);
  for (const target of protocol.targets) {
    const targetSet = datasets.get(target)!;
    const targetIds = targetSet.labelled.map((s) => s.id);
    for (let repetition = 0; repetition < protocol.repetitions; repetition++) {
      if (protocol.conditions.includes('intra')) {
        const folds = outerFolds(targetSet.labelled, protocol.cv, random.fork(`folds/${target}/${repetition}`));
        folds.forEach((test, fold) => {
          const testIds = new Set(test.map((s) => s.id));
          units.push({
            key: `${target}/intra/${target}/f${fold}/r${repetition}`,
            target,
            source: target,
            condition: 'intra',
            fold,
            repetition,
            trainIds: targetIds.filter((id) => !testIds.has(id)),
            testIds: [...testIds],
          });
        });
      }
      if (!protocol.conditions.includes('cross')) continue;
      for (const [source, sourceSet] of datasets) {
        if (source === target) continue;
        for (const transfer of spec.transfer) {
          const condition = conditionName(transfer);
          units.push({
            key: `${target}/${condition}/${source}/f0/r${repetition}`,
            target,
            source,
            condition,
            ...(transfer.direct ? {} : { transfer: { id: transfer.id, options: transfer.options } }),
            fold: 0,
            repetition,
            trainIds: sourceSet.labelled.map((s) => s.id),
            testIds: targetIds,
          });
        }
      }
    }
  }
  return units;
}

/**
 * The label a unit's random stream is forked with: everything but the condition, so conditions with the
 * same training data share the inner split and initialisations, and their differences come from the
 * method alone (a paired comparison).
 */
export function unitSeedLabel(unit: Unit): string {
  return `unit/${unit.target}/${unit.source}/f${unit.fold}/r${unit.repetition}`;
}
