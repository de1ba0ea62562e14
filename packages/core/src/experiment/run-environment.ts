import path from 'node:path';
import type { ContributionProvenance } from '../plugins/provenance';
import { describeEnvironment } from '../runtime/environment';
import { loadTf } from '../runtime/tf';
import { writeJsonAtomic } from '../results/atomic-write';
import type { ReportOutcome } from '../report/write-report';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { DomainDataset } from './dataset';

/** What environment.json records of a run besides the machine: how it ran and on what. */
export interface RunEnvironment {
  readonly spec: ExperimentSpec;
  readonly jobs: number;
  readonly dispatcher?: string;
  readonly plugins: readonly { name: string; location: string }[];
  readonly provenance: readonly ContributionProvenance[];
  readonly datasets: ReadonlyMap<string, DomainDataset>;
  readonly report: ReportOutcome;
}

/** Writes the run's environment.json: backend, seed, parallelism, plugins, contributions, datasets and figure rendering. */
export async function writeRunEnvironment(runDir: string, run: RunEnvironment): Promise<void> {
  const tf = await loadTf();
  writeJsonAtomic(
    path.join(runDir, 'environment.json'),
    describeEnvironment({
      backend: tf.getBackend(),
      seed: run.spec.seed,
      jobs: run.jobs,
      ...(run.dispatcher ? { dispatcher: run.dispatcher } : {}),
      plugins: run.plugins,
      contributions: run.provenance,
      datasets: Object.fromEntries([...run.datasets].map(([domain, d]) => [domain, d.report])),
      figures: run.report.images.skipped ? { images: false, reason: run.report.images.skipped } : { images: true, renderer: 'headless Chromium (playwright-core)' },
    }),
  );
}
