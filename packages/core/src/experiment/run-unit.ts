import type { FeatureMatrix } from '../data/feature-matrix';
import type { TrainingSequence } from '../extension-points/regressor';
import type { FittedTransfer } from '../extension-points/transfer-method';
import type { ContributionRegistry } from '../registry/registry';
import type { RunContext } from '../runtime/context';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { DomainDataset, LabelledSequence } from './dataset';
import { innerSplit } from './folds';
import type { Unit } from './plan-units';
import { Standardiser } from './standardiser';
import type { UnitResult } from './unit-result';

function pick(dataset: DomainDataset, ids: readonly string[]): LabelledSequence[] {
  const wanted = new Set(ids);
  return dataset.labelled.filter((s) => wanted.has(s.id));
}

/**
 * Trains and tests one unit. Everything fitted here — standardisation, the transfer method, the regressor —
 * sees only the unit's training sequences (and, for transfer, the target domain's unlabelled pool);
 * the test sequences are touched only to predict them.
 */
export async function runUnit(
  unit: Unit,
  spec: ExperimentSpec,
  datasets: ReadonlyMap<string, DomainDataset>,
  registry: ContributionRegistry,
  context: RunContext,
): Promise<UnitResult> {
  const started = Date.now();
  const sourceSet = datasets.get(unit.source)!;
  const targetSet = datasets.get(unit.target)!;
  const train = pick(sourceSet, unit.trainIds);
  const test = pick(targetSet, unit.testIds);
  const { fit, validation } = innerSplit(train, spec.protocol.cv.validationFraction, context.random.fork('inner-split'));

  const standardiser =
    spec.protocol.normalise === 'train' ? Standardiser.fit(fit.map((s) => s.features)) : Standardiser.identity(train[0].features.cols);
  let mapSource = (m: FeatureMatrix) => standardiser.apply(m);
  let mapTarget = mapSource;
  let transfer: FittedTransfer | undefined;
  if (unit.transfer) {
    const method = registry.get('transfer', unit.transfer.id);
    transfer = await method.fit(
      { source: fit.map((s) => standardiser.apply(s.features)), target: targetSet.unlabelled.map((m) => standardiser.apply(m)) },
      unit.transfer.options,
      { ...context, random: context.random.fork('transfer') },
    );
    const fitted = transfer;
    mapSource = (m) => fitted.transform(standardiser.apply(m), 'source');
    mapTarget = (m) => fitted.transform(standardiser.apply(m), 'target');
  }
  try {
    const asTraining = (s: LabelledSequence): TrainingSequence => ({ id: s.id, features: mapSource(s.features), targets: s.targets });
    const regressor = registry.get('regressor', spec.regressor.id);
    const model = await regressor.fit(
      { train: fit.map(asTraining), validation: validation.map(asTraining) },
      spec.regressor.options,
      { ...context, random: context.random.fork('regressor') },
    );
    try {
      const predictions = test.map((s) => ({ sequence: s.id, gold: s.targets, predicted: model.predict(mapTarget(s.features)) }));
      return {
        key: unit.key,
        target: unit.target,
        source: unit.source,
        condition: unit.condition,
        fold: unit.fold,
        repetition: unit.repetition,
        seconds: (Date.now() - started) / 1000,
        predictions,
      };
    } finally {
      model.dispose?.();
    }
  } finally {
    transfer?.dispose?.();
  }
}
