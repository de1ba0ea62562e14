/**
 * The plugin-facing surface of emotrans, published as the package `@emotrans/api`: the five extension
 * points, their data types, RunContext, `contribute`, the helpers a plugin needs and the conformance kit.
 * Its declarations stand alone (no TensorFlow.js, inversify or Node types), so a plugin project
 * type-checks against it strictly without skipLibCheck. At run time `@emotrans/api` is the core that
 * loads the plugin (registered by registerApiHost), as VS Code's `vscode` module is the editor's.
 * Internals (runner, report, CLI) are not here: import @emotrans/core for those.
 */
import type { AnyContribution } from './extension-points/any-contribution';
import { contribute as bindContributions } from './registry/container';

export type {
  ContributionKind,
  JsonSchema,
  ManifestBase,
  CorpusManifest,
  FeatureSetManifest,
  TransferManifest,
  RegressorManifest,
  MetricManifest,
  ManifestOfKind,
  Manifest,
  Contribution,
} from './extension-points/contribution';
export { CONTRIBUTION_KINDS } from './extension-points/contribution';
export type { AnyContribution } from './extension-points/any-contribution';
export type { Corpus, CorpusData } from './extension-points/corpus';
export type { FeatureSet, FeatureSetInfo, FeatureStream, StreamedAudio } from './extension-points/feature-set';
export type { TransferMethod, TransferFitInput, FittedTransfer } from './extension-points/transfer-method';
export type { Regressor, RegressorFitInput, TrainingSequence, FittedRegressor } from './extension-points/regressor';
export type { Metric, Aggregation } from './extension-points/metric';
export type { AudioSignal, AudioRef } from './data/audio';
export type { FeatureMatrix } from './data/feature-matrix';
export { createFeatureMatrix, withData, sliceRows, column, stackRows, joinRows } from './data/feature-matrix';
export type { Traces, EmotionDimension } from './data/traces';
export { EMOTION_DIMENSIONS, createTraces, regularTimes, interpolateTrace } from './data/traces';
export type { SequenceSource } from './data/sequence';
export type { RunContext } from './runtime/context';
export type { TensorFlowHandle } from './runtime/tensorflow-handle';
export type { Random } from './runtime/random';
export { createRandom } from './runtime/random';
export type { Progress } from './runtime/progress';
export { silentProgress } from './runtime/progress';
export { EmotransError, BadInputError, RunFailure } from './runtime/errors';

declare const pluginModuleBrand: unique symbol;

/** What `contribute` returns: export it from the plugin's entry file as `containerModule`. */
export interface PluginModule {
  readonly [pluginModuleBrand]: true;
}

/**
 * The module a plugin exports: `export const containerModule = contribute(myTransfer, myMetric)`. Each
 * contribution is bound to the contribution point its `manifest.kind` names.
 */
export const contribute: (...contributions: AnyContribution[]) => PluginModule = bindContributions as unknown as (...contributions: AnyContribution[]) => PluginModule;

/** The conformance kit: run it in a plugin's own tests (`expect((await checkContribution(x)).findings).toEqual([])`). */
export { checkContribution, type CheckOptions } from './conformance/check-contribution';
export { formatFinding, type ConformanceReport, type Finding } from './conformance/findings';
export type { KnownAnswer } from './conformance/metric-checks';
