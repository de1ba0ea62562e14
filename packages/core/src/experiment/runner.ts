import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metric } from '../extension-points/metric';
import type { ContributionRegistry } from '../registry/registry';
import type { RunContext } from '../runtime/context';
import { BadInputError } from '../runtime/errors';
import { silentProgress, type Progress } from '../runtime/progress';
import { createRandom } from '../runtime/random';
import { loadTf } from '../runtime/tf';
import type { ExperimentSpec } from '../spec/experiment-spec';
import { validateSpecContributions } from '../spec/load-spec';
import { writeJsonAtomic } from '../results/atomic-write';
import { lockRunFolder } from '../results/run-lock';
import { CHECKSUMS_FILE, writeChecksums } from '../results/checksums';
import { writeReport, type ReportOptions, type ReportOutcome } from '../report/write-report';
import { prepareDatasets } from './prepare-datasets';
import { planUnits, type Unit } from './plan-units';
import { scoreUnits, summariseScores, type Score, type ScoreSummary } from './evaluate';
import type { UnitResult } from './unit-result';
import { writeUnitFile } from './unit-file';
import type { DomainDataset } from './dataset';
import { checkAndRecordProvenance, specProvenance, UNIT_CONTRIBUTION_KINDS, workerPlugins } from './run-provenance';
import type { UnitDispatcher } from './unit-dispatcher';
import { defaultRunId, openRunFolder } from './run-folder';
import { checkResumedSpec, reuseFinishedUnits } from './resume-run';
import { dispatchUnits } from './dispatch-units';
import { writeResults } from './write-results';
import { writeRunEnvironment } from './run-environment';

export { checkRunId, defaultRunId } from './run-folder';

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
  /**
   * Keep this thread free for Ctrl-C and SIGTERM: the units and the missing features run on worker threads
   * even with `jobs` 1 or a single unit, so a signal is honoured at once instead of after the unit (or
   * file) in progress, however long its synchronous work. The CLI sets it. Contributions defined in this
   * process still run here (interruptible only between units and sequences; in the Jupyter kernel an
   * interrupt stops the cell at once anyway). Results are the same either way.
   */
  readonly offMainThread?: boolean;
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
  const runDir = openRunFolder(spec, runId, Boolean(options.resume));
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
  if (options.resume) checkResumedSpec(runDir, runId, spec);
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
  const offMainThread = Boolean(options.offMainThread);
  // Workers load exactly the plugins recorded in the provenance; a contribution defined in this process runs here.
  const featureWorkers = workerPlugins(provenance, ['features']);
  for (const [what, plan] of [['features', featureWorkers], ['units', unitWorkers]] as const) {
    if (jobs > 1 && 'inProcess' in plan) log(`--jobs ${jobs}: ${plan.inProcess}; running the ${what} in this thread`);
    else if (offMainThread && 'inProcess' in plan) log(`${plan.inProcess}; running the ${what} in this thread (Ctrl-C waits for the ${what === 'units' ? 'unit' : 'sequence'} in progress)`);
  }
  const parallel = (jobs > 1 || offMainThread) && 'plugins' in featureWorkers ? { jobs, plugins: featureWorkers.plugins, discover: false, offMainThread } : undefined;
  const datasets = await prepareDatasets(spec, registry, context, parallel);
  const units = planUnits(spec, datasets, random);
  const { finished, pending } = reuseFinishedUnits(units, runDir, Boolean(options.resume), log);
  if (finished.size) log(`resuming ${runId}: ${finished.size} of ${units.length} units done before, ${pending.length} to run`);
  // The bar counts only the units still to run, so its rate and ETA are those of real work.
  progress.begin('units', pending.length);
  const store = (unit: Unit, result: UnitResult) => {
    writeUnitFile(runDir, unit, result);
    finished.set(unit.key, result);
    progress.tick(1, unit.key);
  };
  await dispatchUnits(pending, { runId, runDir, spec, datasets, registry, context, provenance, unitWorkers, jobs, offMainThread, dispatcher: options.dispatcher }, store);
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

  await writeRunEnvironment(runDir, {
    spec,
    jobs,
    dispatcher: options.dispatcher?.description,
    plugins: options.plugins ?? [],
    provenance,
    datasets,
    report,
  });
  // Last: what every file of the run should hold, so readers can tell a finished run from a torn one.
  writeChecksums(runDir);
  return { runId, runDir, units: results, scores, summary, datasets, report };
}
