import type { FeatureSet, FeatureSetInfo } from '../extension-points/feature-set';
import type { SequenceSource } from '../data/sequence';
import { createFeatureMatrix, joinRows, type FeatureMatrix } from '../data/feature-matrix';
import { audioOrigin, loadAudio, openAudioBlocks } from '../audio/load-audio';
import type { RunContext } from '../runtime/context';
import { BadInputError, RunFailure, callContribution, callContributionSync, type FailureSite } from '../runtime/errors';
import { checkFeatureOutput } from '../experiment/check-outputs';
import { FeatureCache, type FeatureCacheWriter } from './feature-cache';

/** The cache key of a sequence's features: its audio (content hash, or an in-memory signal's key), the set and its version, the options. */
function featureCacheKey(source: SequenceSource, featureSet: FeatureSet, options: Record<string, unknown>, cache: FeatureCache): string {
  const audioKey = source.audio.kind === 'memory' ? source.audio.key : cache.audioKeyOf(source.audio.path);
  return FeatureCache.key({ audioKey, featureSet: featureSet.manifest.id, version: featureSet.manifest.version ?? '0', options });
}

/** The cached features of a sequence, or undefined when they must be computed (no cache entry, or no caching). */
export function cachedFeaturesOf(source: SequenceSource, featureSet: FeatureSet, options: Record<string, unknown>, cache: FeatureCache): FeatureMatrix | undefined {
  if (featureSet.describe(options).cache === false) return undefined;
  const cached = cache.lookup(featureCacheKey(source, featureSet, options, cache));
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
  const chunks: FeatureMatrix[] = [];
  const summary = await forEachFeatureChunk(source, featureSet, options, cache, context, (chunk) => chunks.push(chunk));
  return joinRows(chunks, summary.names, summary.frameRate);
}

/** Names, frame rate and row count of a sequence's features, all chunks together. */
export interface FeatureRowsSummary {
  readonly names: readonly string[];
  readonly frameRate: number;
  readonly rows: number;
}

/**
 * The features of one sequence's audio handed to `each` in chunks of rows, in order: read from the cache
 * (verified, in chunks), or extracted — by the set's `stream` when it has one, so a long file is decoded,
 * analysed, cached and handed on block by block and never held whole — and written to the cache as they come.
 * Every chunk is checked (finite values, increasing times, the same names).
 */
export async function forEachFeatureChunk(
  source: SequenceSource,
  featureSet: FeatureSet,
  options: Record<string, unknown>,
  cache: FeatureCache,
  context: RunContext,
  each: (chunk: FeatureMatrix) => void,
): Promise<FeatureRowsSummary> {
  const info = checkFeatureSetInfo(featureSet, options);
  if (info.cache === false) return extractFeatureRows(source, featureSet, options, info, context, each);
  const key = featureCacheKey(source, featureSet, options, cache);
  const cached = cache.open(key);
  if (cached.status === 'hit') {
    cached.read(each);
    return cached;
  }
  if (cached.status === 'corrupt') context.log(`${audioOrigin(source.audio)}: cached features unusable (${cached.reason}); recomputing`);
  // One writer per entry: another process computing the same features is waited for, not duplicated.
  const claim = await cache.claim(key);
  if (claim.matrix) {
    each(claim.matrix);
    return claim.matrix;
  }
  let writer: FeatureCacheWriter | undefined;
  const notCached = (error: unknown) => {
    // A full cache disk costs a recomputation next time, not this run.
    context.log(`${audioOrigin(source.audio)}: features not cached (${(error as Error).message})`);
    writer?.abort();
    writer = undefined;
  };
  try {
    try {
      writer = cache.writer(key);
    } catch (error) {
      notCached(error);
    }
    const summary = await extractFeatureRows(source, featureSet, options, info, context, (chunk) => {
      if (writer) {
        try {
          writer.append(chunk);
        } catch (error) {
          notCached(error);
        }
      }
      each(chunk);
    });
    if (writer) {
      try {
        writer.commit();
      } catch (error) {
        notCached(error);
      }
    }
    return summary;
  } catch (error) {
    writer?.abort();
    throw error;
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

/** Checks the rows a feature set hands on chunk by chunk: each chunk's own values, and times that keep increasing across chunks. */
class ChunkChecker {
  private names: readonly string[] | undefined;
  private frameRate = 0;
  private lastTime = -Infinity;
  rows = 0;

  constructor(private readonly site: FailureSite) {}

  check(chunk: FeatureMatrix): void {
    checkFeatureOutput(chunk, this.site, 'a feature matrix');
    if (this.names && this.names.join('\u0000') !== chunk.names.join('\u0000')) {
      throw new RunFailure(`${this.site.where}: ${this.site.kind} '${this.site.id}' returned rows with other feature names than before (${this.site.step})`);
    }
    if (chunk.rows > 0 && !(chunk.times[0] > this.lastTime)) {
      throw new RunFailure(`${this.site.where}: ${this.site.kind} '${this.site.id}' returned times that do not increase (row ${this.rows}: ${chunk.times[0]} s after ${this.lastTime} s) (${this.site.step})`);
    }
    this.names = chunk.names;
    this.frameRate = chunk.frameRate;
    if (chunk.rows > 0) this.lastTime = chunk.times[chunk.rows - 1];
    this.rows += chunk.rows;
  }

  summary(info: FeatureSetInfo): FeatureRowsSummary {
    return { names: this.names ?? info.names, frameRate: this.frameRate || info.frameRate, rows: this.rows };
  }
}

/** The size check of a sequence's features, before its audio is analysed. */
function checkFeatureBytes(seconds: number, info: FeatureSetInfo, id: string, origin: string): void {
  const bytes = Math.max(1, Math.ceil(seconds * info.frameRate)) * info.names.length * 4;
  if (bytes > MAX_FEATURE_BYTES) {
    throw new BadInputError(
      `${seconds.toFixed(0)} s of audio at ${info.frameRate} rows per second x ${info.names.length} features of '${id}' would need ${(bytes / 2 ** 30).toFixed(1)} GiB; at most ${MAX_FEATURE_BYTES / 2 ** 30} GiB per sequence (split the file or lower the frame rate)`,
      origin,
    );
  }
}

/**
 * Runs a feature set on a sequence's audio (at the rate it declares), handing its checked rows to `each`:
 * through `stream` block by block when the set has it (and takes these options), else `extract` on the
 * whole signal (one chunk). At least one chunk is handed on, possibly of 0 rows.
 */
async function extractFeatureRows(
  source: SequenceSource,
  featureSet: FeatureSet,
  options: Record<string, unknown>,
  info: FeatureSetInfo,
  context: RunContext,
  each: (chunk: FeatureMatrix) => void,
): Promise<FeatureRowsSummary> {
  const origin = audioOrigin(source.audio);
  const id = featureSet.manifest.id;
  const where = `features of ${origin}`;
  if (featureSet.stream) {
    const blocks = await openAudioBlocks(source.audio, info.sampleRate);
    try {
      checkFeatureBytes(blocks.frames / blocks.sampleRate, info, id, origin);
      const stream = await callContribution({ where, kind: 'features', id, step: 'stream' }, () => featureSet.stream!({ sampleRate: blocks.sampleRate, origin }, options, context));
      if (stream) {
        const checker = new ChunkChecker({ where, kind: 'features', id, step: 'stream' });
        let handed = false;
        const hand = (rows: FeatureMatrix | undefined) => {
          if (!rows) return;
          checker.check(rows);
          if (rows.rows === 0 && handed) return;
          handed = true;
          each(rows);
        };
        const pushSite = { where, kind: 'features', id, step: 'stream push' };
        await blocks.read((block) => hand(callContributionSync(pushSite, () => stream.push(block))));
        hand(callContributionSync({ where, kind: 'features', id, step: 'stream end' }, () => stream.end()));
        const summary = checker.summary(info);
        if (!handed) each(createFeatureMatrix(summary.names, summary.frameRate, new Float64Array(0), new Float32Array(0)));
        return summary;
      }
    } finally {
      blocks.close();
    }
  }
  // Audio at the rate the feature set declares (resampled when it differs).
  const audio = await loadAudio(source.audio, info.sampleRate);
  checkFeatureBytes(audio.samples.length / audio.sampleRate, info, id, origin);
  const site = { where, kind: 'features', id, step: 'extract' };
  const features = await callContribution(site, () => featureSet.extract(audio, options, context));
  checkFeatureOutput(features, site, 'a feature matrix');
  each(features);
  return features;
}
