import type { ContributionKind } from '../extension-points/contribution';

/** One way a contribution fails the conformance kit: which contribution, which check, what was seen. */
export interface Finding {
  /** `transfer 'coral'`. */
  readonly contribution: string;
  /** The check's name, e.g. `finite output`, `inputs not mutated`. */
  readonly check: string;
  readonly seen: string;
}

/** The outcome of checking one contribution. */
export interface ConformanceReport {
  readonly kind: ContributionKind | 'unknown';
  readonly id: string;
  /** Empty when the contribution conforms. */
  readonly findings: readonly Finding[];
  /** Names of the checks that ran and passed. */
  readonly passed: readonly string[];
  /** Checks that could not run, with why (e.g. a corpus needs options naming its data). */
  readonly skipped: readonly string[];
}

/** One line per finding: `transfer 'x': finite output: transform(…) row 0 column f1 is NaN`. */
export function formatFinding(finding: Finding): string {
  return `${finding.contribution}: ${finding.check}: ${finding.seen}`;
}

/** Collects the outcome of the checks of one contribution. */
export class CheckRecorder {
  readonly findings: Finding[] = [];
  readonly passed: string[] = [];
  readonly skipped: string[] = [];

  constructor(readonly contribution: string) {}

  fail(check: string, seen: string): void {
    this.findings.push({ contribution: this.contribution, check, seen });
  }

  skip(check: string, why: string): void {
    this.skipped.push(`${check}: ${why}`);
  }

  /** Runs `body`; it passes when it neither throws nor records a finding under `check`. */
  async run(check: string, body: () => unknown | Promise<unknown>): Promise<boolean> {
    const before = this.findings.length;
    try {
      await body();
    } catch (error) {
      this.fail(check, `threw ${(error as Error)?.message ?? String(error)}`);
    }
    const ok = this.findings.length === before;
    if (ok) this.passed.push(check);
    return ok;
  }
}
