import type { SequenceSource } from '../data/sequence';
import type { FeatureMatrix } from '../data/feature-matrix';
import { audioOrigin } from '../audio/load-audio';
import { FeatureCache } from '../features/feature-cache';
import { cachedFeaturesOf, featuresOf } from '../features/features-of';
import type { FeaturesWorkerData } from '../features/features-worker';
import type { ContributionRegistry } from '../registry/registry';
import type { RunContext } from '../runtime/context';
import { BadInputError, callContribution } from '../runtime/errors';
import { yieldToEvents } from '../runtime/yield-to-events';
import { checkCorpusData, checkGroupsForCv, corpusName } from './check-corpus';
import type { ExperimentSpec } from '../spec/experiment-spec';
import { alignLabels } from './align-labels';
import type { DomainDataset, LabelledSequence } from './dataset';
import path from 'node:path';
import { compiledWorker, runInWorkers, taskFailure } from './worker-pool';

/** Features of many sequences, in order; `done` is called as each is ready (for progress). */
export type FeatureExtraction = (sources: readonly SequenceSource[], done: (source: SequenceSource) => void) => Promise<FeatureMatrix[]>;

/** Where feature extraction may run in parallel: worker threads rebuilding the registry from these plugins. */
export interface ParallelFeatures {
  readonly jobs: number;
  readonly plugins: readonly string[];
  /** False: the workers load only `plugins` (the run's recorded ones). */
  readonly discover?: boolean;
  readonly baseDir?: string;
  /** Even one missing sequence (or `jobs` 1) goes to a worker thread, keeping this one free for signals. */
  readonly offMainThread?: boolean;
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
  const data = await loadCorpus(registry, ref.id, ref.options, domain, { ...context, random: context.random.fork(`unlabelled/${domain}`) });
  const pool = [...data.labelled, ...data.unlabelled].map(({ labels: _labels, ...audioOnly }) => audioOnly);
  if (pool.length === 0) throw new BadInputError(`unlabelled corpus '${ref.id}' for domain '${domain}' has no sequences`);
  return pool;
}

/** Loads a corpus through the one error path, then checks its ids and labels. */
async function loadCorpus(registry: ContributionRegistry, id: string, options: Record<string, unknown>, domain: string, context: RunContext) {
  const corpus = registry.get('corpus', id);
  const data = await callContribution({ where: corpusName(id, domain), kind: 'corpus', id, step: 'load' }, () => corpus.load(options, context));
  checkCorpusData(data, id, domain);
  return data;
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
    parallel && (parallel.jobs > 1 || parallel.offMainThread)
      ? async (sources, done) => {
          // Cached features are read here; only the missing ones are worth a worker thread. Hashing every
          // audio file (a fresh cache) or reading thousands of entries takes seconds: signals get in between.
          const out: (FeatureMatrix | undefined)[] = [];
          let slice = Date.now();
          for (const s of sources) {
            if (Date.now() - slice > 100) {
              await yieldToEvents();
              slice = Date.now();
            }
            out.push(cachedFeaturesOf(s, featureSet, spec.features.options, cache));
          }
          sources.forEach((s, i) => out[i] && done(s));
          const missing = sources.filter((_, i) => !out[i]);
          if (missing.length < 2 && !parallel.offMainThread) {
            for (const s of missing) {
              await yieldToEvents();
              try {
                out[sources.indexOf(s)] = await featuresOf(s, featureSet, spec.features.options, cache, context);
              } catch (error) {
                throw taskFailure(`features of ${audioOrigin(s.audio)}`, error);
              }
              done(s);
            }
            return out as FeatureMatrix[];
          }
          const index = new Map(sources.map((s, i) => [s, i]));
          const data: FeaturesWorkerData = { features: spec.features, plugins: parallel.plugins, discover: parallel.discover, baseDir: parallel.baseDir, cacheDir: context.cacheDir, seed: spec.seed };
          await runInWorkers(
            compiledWorker('features/features-worker'),
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
            await yieldToEvents(); // Ctrl-C and SIGTERM are honoured between sequences
            try {
              out.push(await featuresOf(s, featureSet, spec.features.options, cache, context));
            } catch (error) {
              throw taskFailure(`features of ${audioOrigin(s.audio)}`, error);
            }
            done(s);
          }
          return out;
        };
  const datasets = new Map<string, DomainDataset>();
  for (const [domain, ref] of Object.entries(spec.corpora)) {
    const data = await loadCorpus(registry, ref.id, ref.options, domain, { ...context, random: context.random.fork(`corpus/${domain}`) });
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
      if (aligned.features.rows === 0) {
        const f = features[i];
        const labels = source.labels!;
        throw new BadInputError(
          `${corpusName(ref.id, domain)}, sequence '${source.id}': no feature row falls within its annotations (features ${f.rows ? `${f.times[0]} to ${f.times[f.rows - 1]} s` : 'none: the audio is too short'}, annotations ${labels.times[0]} to ${labels.times[labels.times.length - 1]} s${spec.protocol.annotationDelay ? `, delay ${spec.protocol.annotationDelay} s` : ''})`,
          audioOrigin(source.audio),
        );
      }
      labelled.push({ id: source.id, domain, group: source.group, features: aligned.features, targets: aligned.targets });
    });
    if (spec.protocol.conditions.includes('intra') && (spec.protocol.targets ?? []).includes(domain)) {
      checkGroupsForCv(labelled, ref.id, domain, spec.protocol.cv.scheme);
    }
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
