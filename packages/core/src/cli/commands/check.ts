import type { CommandModule } from 'yargs';
import type { GlobalOptions } from '../command-context';
import { checkPlugin } from '../../conformance/check-plugin';
import { formatFinding } from '../../conformance/findings';
import type { CheckOptions } from '../../conformance/check-contribution';
import { RunFailure } from '../../runtime/errors';
import { parseJsonFile } from '../../spec/load-spec';

interface CheckArgs extends GlobalOptions {
  target: string;
  options?: string;
  json?: boolean;
}

export const checkCommand: CommandModule<GlobalOptions, CheckArgs> = {
  command: 'check <target>',
  describe: "Run the conformance kit on a plugin (folder, file or package): its manifest, then every contribution's behaviour",
  builder: (y) =>
    y
      .positional('target', { type: 'string', demandOption: true, describe: 'Plugin folder, file or installed package name' })
      .option('options', { type: 'string', describe: 'Options to check contributions with, as JSON keyed "<kind>/<id>" (default: their schema defaults)' })
      .option('json', { type: 'boolean', describe: 'Print the reports as JSON' }),
  handler: async (args) => {
    const perContribution = args.options ? (parseJsonFile(args.options, '--options') as Record<string, Record<string, unknown>>) : {};
    const checkOptions: Record<string, CheckOptions> = Object.fromEntries(Object.entries(perContribution).map(([key, options]) => [key, { options }]));
    const result = await checkPlugin(args.target, { perContribution: checkOptions });
    const findings = [...result.findings, ...result.reports.flatMap((r) => r.findings)];
    if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const f of result.findings) process.stdout.write(`✗ ${formatFinding(f)}\n`);
      for (const report of result.reports) {
        const name = `${report.kind} '${report.id}'`;
        if (report.findings.length === 0) process.stdout.write(`✓ ${name}: ${report.passed.length} checks passed${report.skipped.length ? ` (${report.skipped.join('; ')})` : ''}\n`);
        for (const f of report.findings) process.stdout.write(`✗ ${formatFinding(f)}\n`);
      }
      process.stdout.write(`${findings.length === 0 ? 'conforms' : `${findings.length} problem(s)`}: ${result.location}\n`);
    }
    if (findings.length) throw new RunFailure(`check: ${findings.length} problem(s) in ${result.location}`);
  },
};
