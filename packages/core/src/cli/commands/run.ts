import os from 'node:os';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { log, openSession, type GlobalOptions } from '../command-context';
import { progressBar } from '../progress-bar';
import { readSpecFile, validateSpecContributions } from '../../spec/load-spec';
import { defaultRunId, runExperiment } from '../../experiment/runner';
import { onInterrupt } from '../interrupt';
import { silentProgress } from '../../runtime/progress';
import { queueDispatcher } from '../../distributed/queue-dispatcher';
import { parseQueueUrl } from '../../distributed/queue-url';
import { connectRedis } from '../../distributed/redis-connect';

interface RunArgs extends GlobalOptions {
  spec: string;
  resume?: string;
  runId?: string;
  output?: string;
  jobs?: number;
  images?: boolean;
  queue?: string;
  attempts?: number;
  redisOutage?: number;
}

export const runCommand: CommandModule<GlobalOptions, RunArgs> = {
  command: 'run <spec>',
  describe: 'Run an experiment; results go to <output>/<run-id>/',
  builder: (y) =>
    y
      .positional('spec', { type: 'string', demandOption: true, describe: 'Experiment spec (JSON)' })
      .option('resume', { type: 'string', describe: 'Finish the run with this id, reusing its finished units' })
      .option('run-id', { type: 'string', describe: 'Name of the run folder (default: <name>-<timestamp>)' })
      .option('output', { type: 'string', describe: 'Results folder (overrides the spec)' })
      .option('jobs', { type: 'number', default: os.cpus().length, describe: 'Units run in parallel on worker threads (results identical to --jobs 1)' })
      .option('queue', { type: 'string', describe: 'Coordinate a distributed run: units go to this Redis (redis://host:port[/db]) and `emotrans worker`s run them' })
      .option('attempts', { type: 'number', default: 3, describe: 'With --queue: tries per unit before the run fails naming it' })
      .option('redis-outage', { type: 'number', default: 120, describe: 'With --queue: seconds Redis may be unreachable before the run fails (finished units are kept)' })
      .option('images', { type: 'boolean', default: true, describe: 'Render figures to PNG/SVG with headless Chromium (--no-images: HTML only)' }),
  handler: async (args) => {
    const spec = readSpecFile(args.spec);
    if (args.output) spec.output = args.output;
    const session = openSession(args, spec.plugins);
    validateSpecContributions(spec, session.registry, args.spec);
    const runId = args.resume ?? args.runId ?? defaultRunId(spec);
    // A wrong password or unreachable Redis is reported now, not after the features are extracted.
    if (args.queue) (await connectRedis(parseQueueUrl(args.queue))).disconnect();
    const dispatcher = args.queue
      ? queueDispatcher({ url: args.queue, attempts: args.attempts, outageMs: (args.redisOutage ?? 120) * 1000 })
      : undefined;
    const stopListening = onInterrupt(`emotrans: interrupted; finished units are kept: resume with 'emotrans run ${args.spec} --resume ${runId}${dispatcher ? ' --queue <url>' : ''}'`);
    const result = await runExperiment(spec, session.registry, {
      runId,
      resume: Boolean(args.resume),
      progress: args.quiet ? silentProgress : progressBar(),
      log: log(args),
      plugins: session.plugins.map((p) => ({ name: p.name, location: p.location })),
      jobs: args.jobs,
      // This thread only waits and writes: a signal is honoured at once, even during a long unit.
      offMainThread: true,
      report: { images: args.images },
      dispatcher,
    });
    stopListening();
    const lines = result.summary
      .filter((s) => s.aggregation === 'per-sequence')
      .map((s) => `${s.target.padEnd(8)} ${`${s.condition} (${s.source})`.padEnd(24)} ${s.dimension.padEnd(8)} ${s.metric.padEnd(8)} ${s.mean.toFixed(3)}`);
    const where = path.relative(process.cwd(), result.runDir) || '.';
    process.stdout.write(`${lines.join('\n')}\nresults: ${where} (tables/, statistics/, figures/report.html)\n`);
  },
};
