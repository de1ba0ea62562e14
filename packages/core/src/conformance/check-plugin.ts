import fs from 'node:fs';
import { contributionsOfModule } from '../plugins/module-contributions';
import { requirePluginModule, resolvePlugin } from '../plugins/load';
import { enginesProblem, manifestDifferences, readStaticManifest } from '../plugins/static-manifest';
import type { Manifest } from '../extension-points/contribution';
import { checkContribution, type CheckOptions } from './check-contribution';
import type { ConformanceReport, Finding } from './findings';

/** The outcome of `emotrans check <plugin>`: the package-level findings and one report per contribution. */
export interface PluginCheck {
  readonly location: string;
  readonly findings: readonly Finding[];
  readonly reports: readonly ConformanceReport[];
}

/**
 * Checks a plugin folder or file: its static manifest (present, valid, engines range includes this
 * core, equal to what the code exports), then every contribution with checkContribution. `options`
 * gives per-contribution check options keyed `<kind>/<id>`.
 */
export async function checkPlugin(reference: string, options: { baseDir?: string; perContribution?: Record<string, CheckOptions> } = {}): Promise<PluginCheck> {
  const location = fs.realpathSync(resolvePlugin(reference, options.baseDir));
  const findings: Finding[] = [];
  const plugin = (check: string, seen: string) => findings.push({ contribution: `plugin ${location}`, check, seen });
  let declared: readonly Manifest[] | undefined;
  if (fs.statSync(location).isDirectory()) {
    try {
      const manifest = readStaticManifest(location);
      if (!manifest) plugin('static manifest', 'no package.json');
      else {
        declared = manifest.contributes;
        if (!declared) plugin('static manifest', 'package.json has no "contributes": list and validate must run the code to learn what it contributes');
        if (!manifest.engines) plugin('static manifest', 'package.json has no engines.emotrans range');
        const engines = enginesProblem(manifest);
        if (engines) plugin('static manifest', engines);
      }
    } catch (error) {
      plugin('static manifest', (error as Error).message);
    }
  } else plugin('static manifest', 'a single file has no package.json with "contributes"; make it a folder with one');
  let contributions;
  try {
    contributions = contributionsOfModule(requirePluginModule(location).module);
  } catch (error) {
    plugin('loads', (error as Error).message);
    return { location, findings, reports: [] };
  }
  if (declared) {
    for (const d of declared) {
      const actual = contributions.find((c) => c.manifest?.kind === d.kind && c.manifest?.id === d.id);
      if (!actual) plugin('static manifest', `declares ${d.kind} '${d.id}', which the code does not contribute`);
      else {
        const differences = manifestDifferences(d, actual.manifest);
        if (differences.length) plugin('static manifest', `${d.kind} '${d.id}' differs from the code's manifest in ${differences.join('; ')}`);
      }
    }
    for (const c of contributions) {
      if (!declared.some((d) => d.kind === c.manifest?.kind && d.id === c.manifest?.id)) plugin('static manifest', `the code contributes ${c.manifest?.kind} '${c.manifest?.id}', which package.json does not declare`);
    }
  }
  const reports: ConformanceReport[] = [];
  for (const contribution of contributions) {
    reports.push(await checkContribution(contribution, options.perContribution?.[`${contribution.manifest?.kind}/${contribution.manifest?.id}`]));
  }
  return { location, findings, reports };
}
