import type { CommandModule } from 'yargs';
import { log, openSession, type GlobalOptions } from '../command-context';
import { startQueueWorker } from '../../distributed/queue-worker';

interface WorkerArgs extends GlobalOptions {
  queue: string;
  concurrency: number;
  lockMs?: number;
}

export const workerCommand: CommandModule<GlobalOptions, WorkerArgs> = {
  command: 'worker',
  describe: 'Run units of distributed runs (emotrans run --queue) from a Redis queue until stopped',
  builder: (y) =>
    y
      .option('queue', { type: 'string', demandOption: true, describe: 'Redis URL: redis://[user:password@]host:port[/db] or rediss:// (TLS)' })
      .option('concurrency', { type: 'number', default: 1, describe: 'Units run at once, each on its own thread' })
      .option('lock-ms', { type: 'number', default: 30000, describe: "Job lock; a killed worker's unit is run elsewhere after about this long" }),
  handler: async (args) => {
    const say = log(args);
    // A --plugin that does not load is reported now (exit 2), not as a failure of every job.
    openSession(args);
    const worker = await startQueueWorker({ url: args.queue, concurrency: args.concurrency, plugins: args.plugin ?? [], lockMs: args.lockMs, log: say });
    let interrupts = 0;
    const onSignal = () => {
      interrupts++;
      if (interrupts === 1) {
        say('worker: stopping after the current unit(s); Ctrl-C again to return them to the queue now');
        void worker.stop();
      } else if (interrupts === 2) {
        say('worker: returning the current unit(s) to the queue');
        void worker.stop(true);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    await worker.closed;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    say('worker: stopped');
  },
};
