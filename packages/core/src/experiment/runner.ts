import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metric } from '../extension-points/metric';
import type { ContributionRegistry } from '../registry/registry';
import type { RunContext } from '../runtime/context';
import { describeEnvironment } from '../runtime/environment';
import { BadInputError } from '../runtime/errors';
import { silentProgress, type Progress } from '../runtime/progress';
import { createRandom } from '../runtime/random';
import { loadTf } from '../runtime/tf';
import type { ExperimentSpec } from '../spec/experiment-spec';
import { validateSpecContributions } from '../spec/load-spec';
import { writeFileAtomic, writeJsonAtomic } from '../results/atomic-write';
import { toCsv } from '../results/csv';
import { prepareDatasets } from './prepare-datasets';
import { planUnits, unitSeedLabel, type Unit } from './plan-units';
import { runUnit } from './run-unit';
import { scoreUnits, summariseScores, type Score, type ScoreSummary } from './evaluate';
import type { UnitResult } from './unit-result';
import { readUnitFile, unitFile, writeUnitFile } from './unit-file';
import { taskFailure } from './worker-pool';
import { yieldToEvents } from '../runtime/yield-to-events';
import { constantTraceNotes } from './score-notes';
import { removeStaleTemporaries, writeFailure } from '../results/atomic-write';
import { lockRunFolder } from '../results/run-lock';
import { CHECKSUMS_FILE, writeChecksums } from '../results/checksums';
import type { DomainDataset } from './dataset';
import { runUnitsInWorkers } from './unit-pool';
import { checkAndRecordProvenance, specProvenance, UNIT_CONTRIBUTION_KINDS, workerPlugins } from './run-provenance';
import { writeReport, type ReportOptions, type ReportOutcome } from '../report/write-report';
import type { UnitDispatcher } from './unit-dispatcher';

export interface RunOptions {
  /** Name of the folder under `spec.output`; default `<name>-<timestamp>`. */
  readonly runId?: string;
  /** Reuse finished units of an existing run folder. */
  readonly resume?: boolean;
  readonly progress?: Progress;
  readonly log?: (message: string) => void;
  /** Descriptions of the loaded plugins, for the environment record. */
  readonly plugins?: readonly { name: string; location: string }[];
  /**
   * Units run at once on worker threads (default 1: in this thread). Workers load the plugins recorded
   * in the run's provenance; a contribution defined in this process (no plugin file) makes the units
   * (or features) run in this thread instead, with a log line saying why.
   */
  readonly jobs?: number;
  /** @deprecated ignored: workers load the plugins recorded in the provenance. */
  readonly workerPlugins?: readonly string[];
  /** @deprecated ignored, like workerPlugins. */
  readonly pluginBaseDir?: string;
  /** Report options: PNG/SVG rendering, bootstrap resamples... Figures' HTML and tables are always written. */
  readonly report?: ReportOptions;
  /** Runs the pending units elsewhere (e.g. a job queue, distributed/queue-dispatcher.ts) instead of here. */
  readonly dispatcher?: UnitDispatcher;
}

export interface RunResult {
  readonly runId: string;
  readonly runDir: string;
  readonly units: readonly UnitResult[];
  readonly scores: readonly Score[];
  readonly summary: readonly ScoreSummary[];
  readonly datasets: ReadonlyMap<string, DomainDataset>;
  /** Tables, statistics and figures written after the predictions. */
  readonly report: ReportOutcome;
}

export function defaultCacheDir(): string {
  return process.env.EMOTRANS_CACHE ?? path.join(os.homedir(), '.cache', 'emotrans');
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * The run id used when none is given: `<name>-<UTC timestamp>`, with `-2`, `-3`... when a run of that name
 * started in the same second already has its folder (scripts that start runs back to back).
 */
export function defaultRunId(spec: ExperimentSpec): string {
  const base = `${spec.name}-${timestamp()}`;
  let runId = base;
  for (let n = 2; fs.existsSync(path.resolve(spec.output, runId)); n++) runId = `${base}-${n}`;
  return runId;
}

/** A run id names a folder directly under the output folder: no separators, no `..`. */
export function checkRunId(runId: string, flag = '--run-id'): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId) || runId.includes('..')) {
    throw new BadInputError(`${flag}: got ${JSON.stringify(runId)}, expected a folder name of letters, digits, '.', '_' and '-' (no '/' or '..')`);
  }
}

/** The runs found in an output folder (folders with a spec.json), for "did you mean" messages. */
function runsIn(output: string): string[] {
  try {
    return fs.readdirSync(output).filter((name) => fs.existsSync(path.join(output, name, 'spec.json'))).sort();
  } catch {
    return [];
  }
}

/**
 * Runs an experiment: loads the corpora, extracts features, runs every unit of the grid (on `jobs` worker
 * threads when asked; results identical to one thread) and writes `<output>/<run-id>/`: spec.json,
 * environment.json, units/*.json (one per finished unit, written atomically, reused by `resume`),
 * predictions.csv, metrics.json and metrics.csv, then tables/, statistics/ and figures/ (writeReport).
 */
export async function runExperiment(spec: ExperimentSpec, registry: ContributionRegistry, options: RunOptions = {}): Promise<RunResult> {
  // The CLI validated already (a no-op then); a notebook or script calling this directly gets its options
  // checked and defaulted here, not a corpus built from missing options.
  validateSpecContributions(spec, registry);
  const runId = options.runId ?? defaultRunId(spec);
  checkRunId(runId, options.resume ? '--resume' : '--run-id');
  const runDir = path.resolve(spec.output, runId);
  if (!options.resume && fs.existsSync(path.join(runDir, 'spec.json'))) {
    throw new BadInputError(`run folder ${runDir} exists already; use --resume ${runId} to finish it, or another run id`);
  }
  if (options.resume && !fs.existsSync(path.join(runDir, 'spec.json'))) {
    const runs = runsIn(path.resolve(spec.output));
    throw new BadInputError(`--resume ${runId}: no such run in ${path.resolve(spec.output)} (${runs.length ? `runs there: ${runs.join(', ')}` : 'it holds no runs'})`);
  }
  try {
    fs.mkdirSync(runDir, { recursive: true });
  } catch (error) {
    throw writeFailure(error, path.join(runDir, 'spec.json'));
  }
  const lock = lockRunFolder(runDir);
  try {
    return await runLocked(spec, registry, options, runId, runDir);
  } finally {
    lock.release();
  }
}

async function runLocked(spec: ExperimentSpec, registry: ContributionRegistry, options: RunOptions, runId: string, runDir: string): Promise<RunResult> {
  // Loads the plugins the spec uses (a plugin that fails to load is reported before any file is written).
  const provenance = specProvenance(spec, registry);
  const unitWorkers = workerPlugins(provenance, UNIT_CONTRIBUTION_KINDS, options.dispatcher ? 'the workers of a distributed run' : undefined);
  // A dispatcher runs units elsewhere: code that lives only in this process cannot go with them.
  if (options.dispatcher && 'inProcess' in unitWorkers) {
    throw new BadInputError(`${options.dispatcher.description}: ${unitWorkers.inProcess}; put it in a plugin file (docs/plugins.md) loaded here and by the workers, or run without the queue`);
  }
  if (options.resume) {
    const specFile = path.join(runDir, 'spec.json');
    let previous: unknown;
    try {
      previous = JSON.parse(fs.readFileSync(specFile, 'utf8'));
    } catch (error) {
      throw new BadInputError(`cannot resume ${runId}: its spec.json is unreadable (${(error as Error).message})`, specFile);
    }
    if (JSON.stringify(previous) !== JSON.stringify(spec)) {
      throw new BadInputError(`cannot resume ${runId}: its spec.json differs from the spec given now`, specFile);
    }
    // Under the lock no other writer is mid-write: temporaries are a killed process's leftovers.
    removeStaleTemporaries(runDir);
  }
  // The run's files are about to change: the checksum list is written again at the end.
  fs.rmSync(path.join(runDir, CHECKSUMS_FILE), { force: true });
  writeJsonAtomic(path.join(runDir, 'spec.json'), spec);
  // Refuses a resume whose plugin code changed, before any unit runs.
  checkAndRecordProvenance(runDir, provenance, Boolean(options.resume));

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

  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  // Workers load exactly the plugins recorded in the provenance; a contribution defined in this process runs here.
  const featureWorkers = workerPlugins(provenance, ['features']);
  for (const [what, plan] of [['features', featureWorkers], ['units', unitWorkers]] as const) {
    if (jobs > 1 && 'inProcess' in plan) log(`--jobs ${jobs}: ${plan.inProcess}; running the ${what} in this thread`);
  }
  const parallel = jobs > 1 && 'plugins' in featureWorkers ? { jobs, plugins: featureWorkers.plugins, discover: false } : undefined;
  const datasets = await prepareDatasets(spec, registry, context, parallel);
  const units = planUnits(spec, datasets, random);
  const finished = new Map<string, UnitResult>();
  const pending: Unit[] = [];
  for (const unit of units) {
    const file = unitFile(runDir, unit);
    if (options.resume && fs.existsSync(file)) {
      const read = readUnitFile(file, unit);
      if (read.ok) {
        finished.set(unit.key, read.result);
        continue;
      }
      log(`${file}: not reused (${read.reason}); running the unit again`);
    }
    pending.push(unit);
  }
  if (finished.size) log(`resuming ${runId}: ${finished.size} of ${units.length} units done before, ${pending.length} to run`);
  // The bar counts only the units still to run, so its rate and ETA are those of real work.
  progress.begin('units', pending.length);
  const store = (unit: Unit, result: UnitResult) => {
    writeUnitFile(runDir, unit, result);
    finished.set(unit.key, result);
    progress.tick(1, unit.key);
  };
  if (options.dispatcher) {
    const unitProvenance = provenance.filter((p) => UNIT_CONTRIBUTION_KINDS.includes(p.kind));
    await options.dispatcher.run(pending, { runId, runDir, spec, datasets, provenance: unitProvenance, log }, store);
  } else if (jobs > 1 && pending.length > 1 && 'plugins' in unitWorkers) {
    log(`running ${pending.length} units on ${Math.min(jobs, pending.length)} worker threads`);
    await runUnitsInWorkers(
      pending,
      jobs,
      { spec, plugins: unitWorkers.plugins, discover: false, cacheDir: context.cacheDir, datasets },
      store,
      log,
    );
  } else {
    for (const unit of pending) {
      await yieldToEvents(); // Ctrl-C and SIGTERM are honoured between units
      let result: UnitResult;
      try {
        result = await runUnit(unit, spec, datasets, registry, { ...context, random: random.fork(unitSeedLabel(unit)) });
      } catch (error) {
        throw taskFailure(`unit ${unit.key}`, error);
      }
      store(unit, result);
    }
  }
  progress.end();
  // Plan order, whatever order units finished in: scores (and their floating-point sums) are then identical.
  const results: UnitResult[] = units.map((u) => finished.get(u.key)!);

  const scores = scoreUnits(results, metrics);
  const summary = summariseScores(scores, metrics, spec.protocol.bestOf);
  writeResults(runDir, results, scores, summary);
  progress.begin('report', 1);
  const report = await writeReport(runDir, { units: results, summary, metrics, random: random.fork('report') }, options.report);
  progress.tick(1, 'tables, statistics, figures');
  progress.end();
  if (report.images.skipped) log(`figures: ${report.images.skipped}`);

  const tf = await loadTf();
  writeJsonAtomic(
    path.join(runDir, 'environment.json'),
    describeEnvironment({
      backend: tf.getBackend(),
      seed: spec.seed,
      jobs,
      ...(options.dispatcher ? { dispatcher: options.dispatcher.description } : {}),
      plugins: options.plugins ?? [],
      contributions: provenance,
      datasets: Object.fromEntries([...datasets].map(([domain, d]) => [domain, d.report])),
      figures: report.images.skipped ? { images: false, reason: report.images.skipped } : { images: true, renderer: 'headless Chromium (playwright-core)' },
    }),
  );
  // Last: what every file of the run should hold, so readers can tell a finished run from a torn one.
  writeChecksums(runDir);
  return { runId, runDir, units: results, scores, summary, datasets, report };
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
    notes: constantTraceNotes(results),
  });
  writeFileAtomic(
    path.join(runDir, 'metrics.csv'),
    toCsv(
      ['target', 'source', 'condition', 'dimension', 'metric', 'aggregation', 'repetitions', 'mean', 'std', 'best_k', 'best_mean'],
      summary.map((s) => [s.target, s.source, s.condition, s.dimension, s.metric, s.aggregation, s.repetitions, s.mean, s.std, s.bestOf?.k ?? '', s.bestOf?.mean ?? '']),
    ),
  );
}
