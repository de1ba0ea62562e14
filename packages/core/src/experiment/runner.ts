import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metric } from '../extension-points/metric';
import type { ContributionRegistry } from '../registry/registry';
import type { RunContext } from '../runtime/context';
import { describeEnvironment } from '../runtime/environment';
import { RunFailure } from '../runtime/errors';
import { silentProgress, type Progress } from '../runtime/progress';
import { createRandom } from '../runtime/random';
import { loadTf } from '../runtime/tf';
import type { ExperimentSpec } from '../spec/experiment-spec';
import { writeFileAtomic, writeJsonAtomic } from '../results/atomic-write';
import { toCsv } from '../results/csv';
import { prepareDatasets } from './prepare-datasets';
import { planUnits, type Unit } from './plan-units';
import { runUnit } from './run-unit';
import { scoreUnits, summariseScores, type Score, type ScoreSummary } from './evaluate';
import { unitResultFromJson, unitResultToJson, type UnitResult } from './unit-result';
import type { DomainDataset } from './dataset';

export interface RunOptions {
  /** Name of the folder under `spec.output`; default `<name>-<timestamp>`. */
  readonly runId?: string;
  /** Reuse finished units of an existing run folder. */
  readonly resume?: boolean;
  readonly progress?: Progress;
  readonly log?: (message: string) => void;
  /** Descriptions of the loaded plugins, for the environment record. */
  readonly plugins?: readonly { name: string; location: string }[];
}

export interface RunResult {
  readonly runId: string;
  readonly runDir: string;
  readonly units: readonly UnitResult[];
  readonly scores: readonly Score[];
  readonly summary: readonly ScoreSummary[];
  readonly datasets: ReadonlyMap<string, DomainDataset>;
}

export function defaultCacheDir(): string {
  return process.env.EMOTRANS_CACHE ?? path.join(os.homedir(), '.cache', 'emotrans');
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

const unitFile = (runDir: string, unit: Unit) => path.join(runDir, 'units', `${unit.key.replace(/\//g, '__')}.json`);

/**
 * Runs an experiment: loads the corpora, extracts features, runs every unit of the grid and writes
 * `<output>/<run-id>/`: spec.json, environment.json, units/*.json (one per finished unit, written
 * atomically), predictions.csv, metrics.json and metrics.csv.
 */
export async function runExperiment(spec: ExperimentSpec, registry: ContributionRegistry, options: RunOptions = {}): Promise<RunResult> {
  const runId = options.runId ?? `${spec.name}-${timestamp()}`;
  const runDir = path.resolve(spec.output, runId);
  if (!options.resume && fs.existsSync(path.join(runDir, 'spec.json'))) {
    throw new RunFailure(`run folder ${runDir} exists already; use --resume ${runId} to finish it, or another run id`);
  }
  fs.mkdirSync(runDir, { recursive: true });
  if (options.resume && fs.existsSync(path.join(runDir, 'spec.json'))) {
    const previous = JSON.parse(fs.readFileSync(path.join(runDir, 'spec.json'), 'utf8'));
    if (JSON.stringify(previous) !== JSON.stringify(spec)) {
      throw new RunFailure(`cannot resume ${runId}: its spec.json differs from the spec given now`);
    }
  }
  writeJsonAtomic(path.join(runDir, 'spec.json'), spec);

  const progress = options.progress ?? silentProgress;
  const log = options.log ?? (() => {});
  const random = createRandom(spec.seed);
  const context: RunContext = {
    random,
    cacheDir: spec.cacheDir ?? defaultCacheDir(),
    progress,
    log,
    tf: () => loadTf(),
  };
  const metrics: Metric[] = spec.metrics.map((id) => registry.get('metric', id));

  const datasets = await prepareDatasets(spec, registry, context);
  const units = planUnits(spec, datasets, random);
  const results: UnitResult[] = [];
  progress.begin('units', units.length);
  for (const unit of units) {
    const file = unitFile(runDir, unit);
    if (options.resume && fs.existsSync(file)) {
      results.push(unitResultFromJson(JSON.parse(fs.readFileSync(file, 'utf8'))));
      progress.tick(1, `${unit.key} (done before)`);
      continue;
    }
    // Seeded by everything but the condition: conditions with the same training data share the inner split
    // and initialisations, so their differences come from the method alone (paired comparison).
    const unitRandom = random.fork(`unit/${unit.target}/${unit.source}/f${unit.fold}/r${unit.repetition}`);
    const result = await runUnit(unit, spec, datasets, registry, { ...context, random: unitRandom });
    writeJsonAtomic(file, unitResultToJson(result));
    results.push(result);
    progress.tick(1, unit.key);
  }
  progress.end();

  const tf = await loadTf();
  writeJsonAtomic(
    path.join(runDir, 'environment.json'),
    describeEnvironment({
      backend: tf.getBackend(),
      seed: spec.seed,
      plugins: options.plugins ?? [],
      datasets: Object.fromEntries([...datasets].map(([domain, d]) => [domain, d.report])),
    }),
  );
  const scores = scoreUnits(results, metrics);
  const summary = summariseScores(scores, metrics, spec.protocol.bestOf);
  writeResults(runDir, results, scores, summary);
  return { runId, runDir, units: results, scores, summary, datasets };
}

function writeResults(runDir: string, results: readonly UnitResult[], scores: readonly Score[], summary: readonly ScoreSummary[]): void {
  const predictionRows = function* () {
    for (const r of results) {
      for (const p of r.predictions) {
        for (let i = 0; i < p.gold.times.length; i++) {
          yield [r.target, r.source, r.condition, r.repetition, r.fold, p.sequence, p.gold.times[i], p.gold.arousal[i], p.predicted.arousal[i], p.gold.valence[i], p.predicted.valence[i]];
        }
      }
    }
  };
  writeFileAtomic(
    path.join(runDir, 'predictions.csv'),
    toCsv(['target', 'source', 'condition', 'repetition', 'fold', 'sequence', 'time', 'arousal_gold', 'arousal_pred', 'valence_gold', 'valence_pred'], predictionRows()),
  );
  writeJsonAtomic(path.join(runDir, 'metrics.json'), {
    aggregations: {
      'per-sequence': 'metric computed on each test sequence, then averaged over sequences (MediaEval style)',
      concatenated: 'metric computed once on all test sequences joined (AVEC style)',
    },
    summaryFields: {
      mean: 'plain mean over repetitions',
      std: 'population standard deviation over repetitions',
      bestOf: 'mean of the best k repetitions (the paper reports k = 5 of 10)',
    },
    summary,
    scores,
  });
  writeFileAtomic(
    path.join(runDir, 'metrics.csv'),
    toCsv(
      ['target', 'source', 'condition', 'dimension', 'metric', 'aggregation', 'repetitions', 'mean', 'std', 'best_k', 'best_mean'],
      summary.map((s) => [s.target, s.source, s.condition, s.dimension, s.metric, s.aggregation, s.repetitions, s.mean, s.std, s.bestOf?.k ?? '', s.bestOf?.mean ?? '']),
    ),
  );
}
