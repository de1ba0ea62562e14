import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { log, openSession, type GlobalOptions } from '../command-context';
import { progressBar } from '../progress-bar';
import { readSpecFile, validateSpecContributions } from '../../spec/load-spec';
import { defaultRunId, runExperiment } from '../../experiment/runner';
import { onInterrupt } from '../interrupt';
import { silentProgress } from '../../runtime/progress';
import { BadInputError } from '../../runtime/errors';
import { writePaperSummary } from '../../report/paper-summary';
import { paperTable } from '../../report/paper-table';
import { tableToMarkdown } from '../../report/table-formats';
import { metricDisplays } from '../../report/table';

/*
 * `emotrans paper` runs examples/paper.json, the paper's protocol (Coutinho & Schuller 2017) on the bundled
 * synthetic corpus: LSTM 150 + 10 units with Gaussian input noise 0.5, leave-one-group-out cross-validation
 * with an inner validation split by group for early stopping, 10 repetitions with the mean of the best 5,
 * intra / cross / cross+dae (plus CORAL). PAPER.md at the repository root lists what still differs from the
 * paper. `--quick` runs examples/paper-quick.json instead: a smaller LSTM, grouped 5-fold CV and fewer
 * repetitions, for a look in about a minute.
 */

interface PaperArgs extends GlobalOptions {
  spec?: string;
  quick: boolean;
  jobs: number;
  runId?: string;
  resume?: string;
  output?: string;
  repetitions?: number;
  images: boolean;
}

/** examples/<file> of the checkout this CLI runs from, else of the working directory. */
function defaultPaperSpec(file: string): string {
  const candidates = [path.resolve(__dirname, '..', '..', '..', '..', '..', 'examples', file), path.resolve('examples', file)];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new BadInputError(`no paper spec found (looked at ${candidates.join(', ')}); give one with --spec`);
  return found;
}

export const paperCommand: CommandModule<GlobalOptions, PaperArgs> = {
  command: 'paper',
  describe: "Regenerate every table and figure of the paper's comparison (intra vs cross vs cross+transfer) on the bundled synthetic corpus",
  builder: (y) =>
    y
      .option('spec', { type: 'string', describe: "Experiment spec (default: examples/paper.json, the paper's protocol)" })
      .option('quick', { type: 'boolean', default: false, describe: 'A quick look (about a minute on 2 cores): examples/paper-quick.json, smaller LSTM, 5 folds, 4 repetitions' })
      .option('jobs', { type: 'number', default: os.cpus().length, describe: 'Units run in parallel on worker threads' })
      .option('run-id', { type: 'string', describe: 'Name of the run folder (default: <name>-<timestamp>)' })
      .option('resume', { type: 'string', describe: 'Finish the paper run with this id' })
      .option('output', { type: 'string', describe: 'Results folder (overrides the spec)' })
      .option('repetitions', { type: 'number', describe: 'Override the repetitions (best-of is capped at half of them)' })
      .option('images', { type: 'boolean', default: true, describe: 'Render PNG/SVG with headless Chromium (--no-images: HTML only)' }),
  handler: async (args) => {
    if (args.spec && args.quick) throw new BadInputError('--quick and --spec cannot be combined: --quick picks examples/paper-quick.json');
    const specFile = args.spec ?? defaultPaperSpec(args.quick ? 'paper-quick.json' : 'paper.json');
    const spec = readSpecFile(specFile);
    if (args.output) spec.output = args.output;
    if (args.repetitions !== undefined) {
      if (!Number.isInteger(args.repetitions) || args.repetitions < 1) throw new BadInputError('--repetitions must be a positive integer');
      spec.protocol.repetitions = args.repetitions;
      spec.protocol.bestOf = Math.min(spec.protocol.bestOf, Math.max(1, Math.floor(args.repetitions / 2)));
    }
    const session = openSession(args, spec.plugins);
    const say = log(args);
    // Transfer methods not installed (yet) are left out rather than failing the whole comparison.
    // (A spec without transfer entries gets the manifests' defaults from validation.)
    const missing = (spec.transfer ?? []).filter((t) => !session.registry.has('transfer', t.id));
    if (missing.length) {
      say(`paper: transfer method(s) ${missing.map((t) => t.id).join(', ')} not installed; left out`);
      spec.transfer = spec.transfer.filter((t) => session.registry.has('transfer', t.id));
      if (spec.transfer.length === 0) throw new BadInputError('no transfer method of the paper spec is installed', specFile);
    }
    validateSpecContributions(spec, session.registry, specFile);
    const started = Date.now();
    const runId = args.resume ?? args.runId ?? defaultRunId(spec);
    const again = args.spec ? ` --spec ${args.spec}` : args.quick ? ' --quick' : '';
    const stopListening = onInterrupt(`emotrans: interrupted; finished units are kept: resume with 'emotrans paper${again} --resume ${runId}'`);
    const result = await runExperiment(spec, session.registry, {
      runId,
      resume: Boolean(args.resume),
      progress: args.quiet ? silentProgress : progressBar(),
      log: say,
      plugins: session.plugins.map((p) => ({ name: p.name, location: p.location })),
      jobs: args.jobs,
      // This thread only waits and writes: a signal is honoured at once, even during a long unit.
      offMainThread: true,
      report: { images: args.images },
    });
    stopListening();
    const seconds = (Date.now() - started) / 1000;
    const corpora = Object.entries(spec.corpora).map(([domain, ref]) => `${domain}: ${ref.id} (${result.datasets.get(domain)?.labelled.length ?? 0} labelled sequences)`);
    const displays = metricDisplays(spec.metrics.map((id) => session.registry.get('metric', id)));
    const file = writePaperSummary(result.runDir, {
      displays,
      title: `emotrans paper: ${spec.name}`,
      summary: result.summary,
      comparisons: result.report.comparisons,
      setup: [
        `corpora: ${corpora.join('; ')}`,
        `features: ${spec.features.id}; regressor: ${spec.regressor.id} ${JSON.stringify(spec.regressor.options)}`,
        `conditions: ${spec.protocol.conditions.join(', ')}; transfer: ${spec.transfer.map((t) => t.id).join(', ')}${missing.length ? ` (not installed, left out: ${missing.map((t) => t.id).join(', ')})` : ''}`,
        `cross-validation: ${spec.protocol.cv.scheme}${spec.protocol.cv.scheme === 'kfold' ? ` (${spec.protocol.cv.folds} folds)` : ''}, inner validation fraction ${spec.protocol.cv.validationFraction}`,
        `repetitions: ${spec.protocol.repetitions}${spec.protocol.bestOf ? `, best ${spec.protocol.bestOf} reported as in the paper (plain mean ± std too)` : ''}; seed ${spec.seed}`,
        `wall time: ${seconds.toFixed(0)} s on ${args.jobs} job(s)${args.resume ? ' (resumed)' : ''}`,
        result.report.images.skipped ? `figures: HTML only (${result.report.images.skipped})` : 'figures: HTML, PNG and SVG',
      ],
      figures: result.report.images.files.filter((f) => f.endsWith('.png')).map((f) => path.relative(result.runDir, f)),
    });
    process.stdout.write(tableToMarkdown(paperTable(result.summary, { displays })));
    process.stdout.write(`\npaper: ${path.relative(process.cwd(), file)} (${seconds.toFixed(0)} s)\n`);
  },
};
