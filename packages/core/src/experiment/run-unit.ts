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
import { callContribution, callContributionSync, type FailureSite } from '../runtime/errors';
import { checkFeatureOutput, checkPredictionOutput } from './check-outputs';

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
  const where = `unit ${unit.key}`;
  if (unit.transfer) {
    const method = registry.get('transfer', unit.transfer.id);
    const site = (step: string): FailureSite => ({ where, kind: 'transfer', id: method.manifest.id, step });
    const options = unit.transfer.options;
    transfer = await callContribution(site('fit'), () =>
      method.fit(
        { source: fit.map((s) => standardiser.apply(s.features)), target: targetSet.unlabelled.map((m) => standardiser.apply(m)) },
        options,
        { ...context, random: context.random.fork('transfer') },
      ),
    );
    const fitted = transfer;
    const transform = (m: FeatureMatrix, role: 'source' | 'target') => {
      const out = callContributionSync(site(`transform (${role})`), () => fitted.transform(standardiser.apply(m), role));
      checkFeatureOutput(out, site(`transform (${role})`), 'features', m.rows);
      return out;
    };
    mapSource = (m) => transform(m, 'source');
    mapTarget = (m) => transform(m, 'target');
  }
  try {
    const asTraining = (s: LabelledSequence): TrainingSequence => ({ id: s.id, features: mapSource(s.features), targets: s.targets });
    const regressor = registry.get('regressor', spec.regressor.id);
    const site = (step: string): FailureSite => ({ where, kind: 'regressor', id: regressor.manifest.id, step });
    const fitInput = { train: fit.map(asTraining), validation: validation.map(asTraining) };
    const model = await callContribution(site('fit'), () => regressor.fit(fitInput, spec.regressor.options, { ...context, random: context.random.fork('regressor') }));
    try {
      const predictions = test.map((s) => {
        const features = mapTarget(s.features);
        const predicted = callContributionSync(site('predict'), () => model.predict(features));
        checkPredictionOutput(predicted, features.rows, site('predict'), `predictions for sequence '${s.id}'`);
        return { sequence: s.id, gold: s.targets, predicted };
      });
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
