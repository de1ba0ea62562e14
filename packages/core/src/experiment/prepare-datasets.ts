import type { FeatureSet } from '../extension-points/feature-set';
import type { SequenceSource } from '../data/sequence';
import type { FeatureMatrix } from '../data/feature-matrix';
import { audioOrigin, loadAudio } from '../audio/load-audio';
import { FeatureCache } from '../features/feature-cache';
import type { ContributionRegistry } from '../registry/registry';
import type { RunContext } from '../runtime/context';
import { BadInputError, EmotransError, RunFailure } from '../runtime/errors';
import type { ExperimentSpec } from '../spec/experiment-spec';
import { alignLabels } from './align-labels';
import type { DomainDataset, LabelledSequence } from './dataset';
import path from 'node:path';
import { compiledWorker, runInWorkers } from './worker-pool';
import type { FeaturesWorkerData } from './features-worker';

/** The cached features of a sequence, or undefined when they must be computed (no cache entry, or no caching). */
export function cachedFeaturesOf(source: SequenceSource, featureSet: FeatureSet, options: Record<string, unknown>, cache: FeatureCache): FeatureMatrix | undefined {
  if (featureSet.describe(options).cache === false) return undefined;
  const audioKey = source.audio.kind === 'memory' ? source.audio.key : cache.audioKeyOf(source.audio.path);
  const cached = cache.lookup(FeatureCache.key({ audioKey, featureSet: featureSet.manifest.id, version: featureSet.manifest.version ?? '0', options }));
  return cached.status === 'hit' ? cached.matrix : undefined;
}

/** Extracts (or reads from the cache) the features of one sequence's audio. */
export async function featuresOf(
  source: SequenceSource,
  featureSet: FeatureSet,
  options: Record<string, unknown>,
  cache: FeatureCache,
  context: RunContext,
): Promise<FeatureMatrix> {
  const info = featureSet.describe(options);
  if (info.cache === false) return extractFeatures(source, featureSet, options, info.sampleRate, context);
  const audioKey = source.audio.kind === 'memory' ? source.audio.key : cache.audioKeyOf(source.audio.path);
  const key = FeatureCache.key({
    audioKey,
    featureSet: featureSet.manifest.id,
    version: featureSet.manifest.version ?? '0',
    options,
  });
  const cached = cache.lookup(key);
  if (cached.status === 'hit') return cached.matrix;
  if (cached.status === 'corrupt') context.log(`${audioOrigin(source.audio)}: cached features unusable (${cached.reason}); recomputing`);
  const features = await extractFeatures(source, featureSet, options, info.sampleRate, context);
  cache.set(key, features);
  return features;
}

/** Runs a feature set on a sequence's audio (at the rate it declares) and checks every value is finite. */
async function extractFeatures(
  source: SequenceSource,
  featureSet: FeatureSet,
  options: Record<string, unknown>,
  sampleRate: number | undefined,
  context: RunContext,
): Promise<FeatureMatrix> {
  let features: FeatureMatrix;
  try {
    // Audio at the rate the feature set declares (resampled when it differs).
    features = await featureSet.extract(await loadAudio(source.audio, sampleRate), options, context);
  } catch (error) {
    if (error instanceof EmotransError) throw error;
    throw new RunFailure(`${audioOrigin(source.audio)}: feature extraction (${featureSet.manifest.id}) failed: ${(error as Error).message}`, error);
  }
  for (let i = 0; i < features.data.length; i++) {
    if (!Number.isFinite(features.data[i])) {
      const row = Math.floor(i / features.cols);
      throw new RunFailure(
        `${audioOrigin(source.audio)}: feature '${features.names[i % features.cols]}' is not finite at row ${row} (${featureSet.manifest.id})`,
      );
    }
  }
  return features;
}

/** Features of many sequences, in order; `done` is called as each is ready (for progress). */
export type FeatureExtraction = (sources: readonly SequenceSource[], done: (source: SequenceSource) => void) => Promise<FeatureMatrix[]>;

/** Where feature extraction may run in parallel: worker threads rebuilding the registry from these plugins. */
export interface ParallelFeatures {
  readonly jobs: number;
  readonly plugins: readonly string[];
  /** False: the workers load only `plugins` (the run's recorded ones). */
  readonly discover?: boolean;
  readonly baseDir?: string;
}

/** Every sequence of the spec's extra unlabelled corpus for a domain (labels dropped), or none. */
async function loadUnlabelledPool(
  spec: ExperimentSpec,
  domain: string,
  registry: ContributionRegistry,
  context: RunContext,
): Promise<SequenceSource[]> {
  const ref = spec.unlabelled?.[domain];
  if (!ref) return [];
  const data = await registry.get('corpus', ref.id).load(ref.options, { ...context, random: context.random.fork(`unlabelled/${domain}`) });
  const pool = [...data.labelled, ...data.unlabelled].map(({ labels: _labels, ...audioOnly }) => audioOnly);
  if (pool.length === 0) throw new BadInputError(`unlabelled corpus '${ref.id}' for domain '${domain}' has no sequences`);
  return pool;
}

/** Loads every corpus of the spec and turns its sequences into aligned feature/label pairs. */
export async function prepareDatasets(
  spec: ExperimentSpec,
  registry: ContributionRegistry,
  context: RunContext,
  parallel?: ParallelFeatures,
): Promise<Map<string, DomainDataset>> {
  const featureSet = registry.get('features', spec.features.id);
  const cache = new FeatureCache(path.join(context.cacheDir, 'features'));
  const extract: FeatureExtraction =
    parallel && parallel.jobs > 1
      ? async (sources, done) => {
          // Cached features are read here; only the missing ones are worth a worker thread.
          const out: (FeatureMatrix | undefined)[] = sources.map((s) => cachedFeaturesOf(s, featureSet, spec.features.options, cache));
          sources.forEach((s, i) => out[i] && done(s));
          const missing = sources.filter((_, i) => !out[i]);
          if (missing.length < 2) {
            for (const s of missing) {
              out[sources.indexOf(s)] = await featuresOf(s, featureSet, spec.features.options, cache, context);
              done(s);
            }
            return out as FeatureMatrix[];
          }
          const index = new Map(sources.map((s, i) => [s, i]));
          const data: FeaturesWorkerData = { features: spec.features, plugins: parallel.plugins, discover: parallel.discover, baseDir: parallel.baseDir, cacheDir: context.cacheDir, seed: spec.seed };
          await runInWorkers(
            compiledWorker('features-worker'),
            data,
            missing,
            parallel.jobs,
            (s) => `features of ${audioOrigin(s.audio)}`,
            (s, matrix) => {
              out[index.get(s)!] = matrix as FeatureMatrix;
              done(s);
            },
            context.log,
          );
          return out as FeatureMatrix[];
        }
      : async (sources, done) => {
          const out: FeatureMatrix[] = [];
          for (const s of sources) {
            out.push(await featuresOf(s, featureSet, spec.features.options, cache, context));
            done(s);
          }
          return out;
        };
  const datasets = new Map<string, DomainDataset>();
  for (const [domain, ref] of Object.entries(spec.corpora)) {
    const corpus = registry.get('corpus', ref.id);
    const data = await corpus.load(ref.options, { ...context, random: context.random.fork(`corpus/${domain}`) });
    if (data.labelled.length === 0) throw new BadInputError(`corpus '${ref.id}' for domain '${domain}' has no labelled sequences`);
    const pool = await loadUnlabelledPool(spec, domain, registry, context);
    const total = data.labelled.length + data.unlabelled.length + pool.length;
    context.progress.begin(`features ${domain}`, total);
    const unlabelledSource = data.labelled.find((s) => !s.labels);
    if (unlabelledSource) throw new BadInputError(`sequence '${unlabelledSource.id}' of corpus '${ref.id}' has no labels`);
    const all = [...data.labelled, ...data.unlabelled, ...pool];
    const features = await extract(all, (source) => context.progress.tick(1, source.id));
    const labelled: LabelledSequence[] = [];
    let droppedRows = 0;
    data.labelled.forEach((source, i) => {
      const aligned = alignLabels(features[i], source.labels!, spec.protocol.annotationDelay);
      droppedRows += aligned.droppedRows;
      if (aligned.features.rows > 0) {
        labelled.push({ id: source.id, domain, group: source.group, features: aligned.features, targets: aligned.targets });
      }
    });
    const unlabelled: FeatureMatrix[] = features.slice(data.labelled.length);
    context.progress.end();
    datasets.set(domain, {
      domain,
      labelled,
      unlabelled,
      report: {
        corpus: ref.id,
        labelledSequences: labelled.length,
        unlabelledSequences: unlabelled.length,
        ...(pool.length ? { unlabelledCorpus: spec.unlabelled![domain].id, unlabelledCorpusSequences: pool.length } : {}),
        droppedRows,
        ...data.report,
      },
    });
  }
  return datasets;
}
