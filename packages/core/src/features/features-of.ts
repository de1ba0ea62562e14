import type { FeatureSet, FeatureSetInfo } from '../extension-points/feature-set';
import type { SequenceSource } from '../data/sequence';
import type { FeatureMatrix } from '../data/feature-matrix';
import { audioOrigin, loadAudio } from '../audio/load-audio';
import type { RunContext } from '../runtime/context';
import { BadInputError, RunFailure, callContribution, callContributionSync } from '../runtime/errors';
import { checkFeatureOutput } from '../experiment/check-outputs';
import { FeatureCache } from './feature-cache';

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
  const info = checkFeatureSetInfo(featureSet, options);
  if (info.cache === false) return extractFeatures(source, featureSet, options, info, context);
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
  // One writer per entry: another process computing the same features is waited for, not duplicated.
  const claim = await cache.claim(key);
  if (claim.matrix) return claim.matrix;
  try {
    const features = await extractFeatures(source, featureSet, options, info, context);
    try {
      cache.set(key, features);
    } catch (error) {
      // A full cache disk costs a recomputation next time, not this run.
      context.log(`${audioOrigin(source.audio)}: features not cached (${(error as Error).message})`);
    }
    return features;
  } finally {
    claim.release();
  }
}

/** Rows per second above which a feature set's options are taken for a mistake (hop of microseconds). */
export const MAX_FEATURE_RATE = 1000;
/** Bytes a sequence's feature matrix may take (rows x columns x 4). */
export const MAX_FEATURE_BYTES = 2 ** 31;

/** What a feature set will produce for these options, checked before any audio is read. */
function checkFeatureSetInfo(featureSet: FeatureSet, options: Record<string, unknown>): FeatureSetInfo {
  const id = featureSet.manifest.id;
  const info = callContributionSync({ kind: 'features', id, step: 'describe' }, () => featureSet.describe(options));
  // names may be empty when they are known only from the data (features read from files); the output is checked.
  if (!info || !Array.isArray(info.names)) throw new RunFailure(`features '${id}' describe() returned no feature names`);
  // 0: no fixed rate (one row per file, as the conformance kit allows)
  if (!(info.frameRate >= 0) || !Number.isFinite(info.frameRate)) throw new RunFailure(`features '${id}' describes a frame rate of ${info?.frameRate} rows per second`);
  if (info.frameRate > MAX_FEATURE_RATE) {
    throw new BadInputError(
      `features.options: features '${id}' would produce ${info.frameRate} rows per second with these options; at most ${MAX_FEATURE_RATE} are supported (is a hop or frame length given in the wrong unit?)`,
    );
  }
  return info;
}

/** Runs a feature set on a sequence's audio (at the rate it declares) and checks what it returns. */
async function extractFeatures(
  source: SequenceSource,
  featureSet: FeatureSet,
  options: Record<string, unknown>,
  info: FeatureSetInfo,
  context: RunContext,
): Promise<FeatureMatrix> {
  const origin = audioOrigin(source.audio);
  const id = featureSet.manifest.id;
  // Audio at the rate the feature set declares (resampled when it differs).
  const audio = await loadAudio(source.audio, info.sampleRate);
  const seconds = audio.samples.length / audio.sampleRate;
  const bytes = Math.max(1, Math.ceil(seconds * info.frameRate)) * info.names.length * 4;
  if (bytes > MAX_FEATURE_BYTES) {
    throw new BadInputError(
      `${seconds.toFixed(0)} s of audio at ${info.frameRate} rows per second x ${info.names.length} features of '${id}' would need ${(bytes / 2 ** 30).toFixed(1)} GiB; at most ${MAX_FEATURE_BYTES / 2 ** 30} GiB per sequence (split the file or lower the frame rate)`,
      origin,
    );
  }
  const site = { where: `features of ${origin}`, kind: 'features', id, step: 'extract' };
  const features = await callContribution(site, () => featureSet.extract(audio, options, context));
  checkFeatureOutput(features, site, 'a feature matrix');
  return features;
}
