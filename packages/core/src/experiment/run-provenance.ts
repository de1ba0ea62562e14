import fs from 'node:fs';
import path from 'node:path';
import type { ContributionKind } from '../extension-points/contribution';
import { describeContributions, provenanceChanges, type ContributionProvenance } from '../plugins/provenance';
import type { ContributionRegistry } from '../registry/registry';
import { writeJsonAtomic } from '../results/atomic-write';
import { BadInputError } from '../runtime/errors';
import type { ExperimentSpec } from '../spec/experiment-spec';
import { contributionRefs } from '../spec/load-spec';

/** The provenance of every contribution a spec uses (their plugins are loaded). */
export function specProvenance(spec: ExperimentSpec, registry: ContributionRegistry): ContributionProvenance[] {
  return describeContributions(
    contributionRefs(spec).map(({ kind, ref }) => ({ kind, id: ref.id })),
    registry,
  );
}

/**
 * Before a run's first unit: on `resume`, refuses (BadInputError, exit 2) when the contributions' provenance
 * differs from the one recorded when the run started, naming what changed (the edited file); otherwise
 * records it in environment.json, so a run killed part-way can be checked too.
 */
export function checkAndRecordProvenance(runDir: string, provenance: readonly ContributionProvenance[], resume: boolean): void {
  const file = path.join(runDir, 'environment.json');
  if (resume && fs.existsSync(file)) {
    const recorded = (JSON.parse(fs.readFileSync(file, 'utf8')) as { contributions?: ContributionProvenance[] }).contributions;
    if (recorded) {
      const changes = provenanceChanges(recorded, provenance);
      if (changes.length) {
        throw new BadInputError(
          `cannot resume ${path.basename(runDir)}: the plugins changed since it started, so old and new units would mix:\n  ${changes.join('\n  ')}\n` +
            'restore them, or start a new run',
          file,
        );
      }
      return;
    }
  }
  writeJsonAtomic(file, { contributions: provenance });
}

/** The kinds of contribution a unit runs (run-unit.ts): what unit workers, threads or machines, must load. */
export const UNIT_CONTRIBUTION_KINDS: readonly ContributionKind[] = ['transfer', 'regressor'];

/**
 * What workers need to rebuild the contributions of `kinds`: the plugin locations recorded in the
 * provenance, or, when one of them was defined in this process (a notebook cell), why they cannot
 * (`workers` names them in that message).
 */
export function workerPlugins(
  provenance: readonly ContributionProvenance[],
  kinds: readonly ContributionKind[],
  workers = 'worker threads',
): { readonly plugins: string[] } | { readonly inProcess: string } {
  const needed = provenance.filter((p) => kinds.includes(p.kind));
  const local = needed.find((p) => p.inProcess);
  if (local) {
    return {
      inProcess:
        `${local.kind} '${local.id}' is defined in this process (e.g. a notebook cell), not in a plugin file, ` +
        `so ${workers} cannot load it`,
    };
  }
  return { plugins: [...new Set(needed.map((p) => p.location!))] };
}
