import fs from 'node:fs';
import path from 'node:path';
import type { ContributionKind } from '../extension-points/contribution';
import { coreVersion } from '../plugins/static-manifest';
import { writeFileAtomic } from '../results/atomic-write';
import { BadInputError } from '../runtime/errors';
import { KIND_TEMPLATES } from './kind-templates';

/** The @emotrans/api package beside this core (packages/api of a checkout), which a new plugin depends on. */
export function apiPackageDir(): string {
  return path.resolve(__dirname, '..', '..', '..', 'api');
}

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/^[0-9]/, (d) => `_${d}`);

/** The spec entry that uses the new contribution in a small experiment on the toy corpus. */
function exampleSpec(kind: ContributionKind, id: string): Record<string, unknown> {
  const toy = (domain: string) => ({ id: 'toy', options: { domain } });
  const spec: Record<string, unknown> = {
    name: `${id}-example`,
    corpora: { music: toy('music'), speech: toy('speech') },
    features: { id: 'simple' },
    transfer: [{ id: 'none' }],
    regressor: { id: 'ridge' },
    metrics: ['rmse', 'pearson', 'ccc'],
    protocol: { conditions: ['intra', 'cross'] },
    plugins: ['.'],
  };
  if (kind === 'transfer') spec.transfer = [{ id: 'none' }, { id }];
  if (kind === 'regressor') spec.regressor = { id };
  if (kind === 'metric') spec.metrics = ['rmse', id];
  if (kind === 'features') spec.features = { id };
  if (kind === 'corpus') spec.corpora = { music: { id, options: { domain: 'music' } }, speech: toy('speech') };
  return spec;
}

/**
 * Writes a ready plugin folder for one contribution: package.json (the static manifest, engines range,
 * a dependency on this checkout's @emotrans/api), index.ts (which takes its manifest from package.json),
 * tsconfig.json (strict, no skipLibCheck), a jest test running the conformance kit, an example spec
 * and a README. It compiles, passes `emotrans check` and runs in an experiment as written.
 */
export function scaffoldPlugin(kind: ContributionKind, id: string, dir: string): string[] {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new BadInputError(`plugin name '${id}': use lower-case letters, digits and dashes (it is the contribution's id)`);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new BadInputError('the folder exists and is not empty; choose another --dir', dir);
  const t = KIND_TEMPLATES[kind];
  const fill = (text: string) => text.replace(/%ID%/g, id);
  const version = coreVersion();
  const options = { type: 'object', additionalProperties: false, properties: t.options };
  const manifest = JSON.parse(fill(JSON.stringify({ id, description: t.description, version: '1', options, ...t.manifest })));
  const name = camel(id);
  const generic = t.optionsType ? `<${camel(id).replace(/^./, (c) => c.toUpperCase())}Options>` : '';
  const optionsInterface = t.optionsType
    ? `/** The options, as validated against the schema in package.json (defaults filled in). */\nexport interface ${generic.slice(1, -1)} {\n  ${t.optionsType.split('; ').join(';\n  ')};\n}\n\n`
    : '';
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: `emotrans-plugin-${id}`,
        version: '0.1.0',
        description: manifest.description,
        main: 'index.ts',
        license: 'MIT',
        engines: { emotrans: `^${version}` },
        emotrans: { plugin: true },
        contributes: { [kind]: [manifest] },
        scripts: { typecheck: 'tsc --noEmit', check: 'emotrans check .', test: 'emotrans check .', 'test:jest': 'jest' },
        jest: { preset: 'ts-jest', testEnvironment: 'node' },
        // From a checkout, the API package beside this core (no registry needed); else the matching release.
        devDependencies: { '@emotrans/api': fs.existsSync(path.join(apiPackageDir(), 'package.json')) ? `file:${apiPackageDir()}` : `^${version}` },
      },
      null,
      2,
    )}\n`,
    'index.ts': `/**
 * ${id}: an emotrans ${kind} plugin. ${manifest.description}
 * The manifest (id, description, version, options schema) lives in package.json under "contributes",
 * where emotrans reads it without running this file; the code takes it from there, so the two agree.
 */
import { contribute, ${[...t.imports, `type ${t.type}`].join(', ')} } from '@emotrans/api';
import pkg from './package.json';

${optionsInterface}export const ${name}: ${t.type}${generic} = {
  manifest: { ...pkg.contributes.${kind}[0], kind: '${kind}' },
${fill(t.body)}
};

export const containerModule = contribute(${name});
`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2022'],
          module: 'commonjs',
          moduleResolution: 'node',
          esModuleInterop: true,
          resolveJsonModule: true,
          types: [],
        },
        include: ['index.ts'],
      },
      null,
      2,
    )}\n`,
    'test/conformance.test.ts': `import { checkContribution, formatFinding } from '@emotrans/api';
import { ${name} } from '../index';

// The emotrans conformance kit (also: \`emotrans check .\`). Pass options to check with as a second argument.
test('${id} passes the conformance kit', async () => {
  const report = await checkContribution(${name});
  expect(report.findings.map(formatFinding)).toEqual([]);
});
`,
    'example-spec.json': `${JSON.stringify(exampleSpec(kind, id), null, 2)}\n`,
    'README.md': `# emotrans-plugin-${id}

An emotrans ${kind} plugin: ${manifest.description}

\`\`\`sh
npm install                        # links @emotrans/api from the emotrans checkout (no registry needed)
npx tsc --noEmit                   # type-check (strict; TypeScript: npm i -D typescript, or the checkout's npx tsc)
emotrans check .                   # the conformance kit (also: npm test)
emotrans run example-spec.json     # a small experiment on the toy corpus using this plugin
\`\`\`

- The manifest is in package.json (\`contributes\`): \`emotrans list\` and \`validate\` read it without running
  index.ts. Change options there (a JSON Schema; give every property a default) and bump \`version\` when
  the output changes for the same input.
- Packages the plugin imports (e.g. \`ml-matrix\`) are installed here: \`npm install ml-matrix\` in this folder.
- The jest test (\`npm run test:jest\`) needs \`npm i -D jest ts-jest @types/jest typescript\`.
- Use it from a spec with \`"plugins": ["<path to this folder>"]\` (relative to the spec file) or \`--plugin\`.
`,
  };
  const written: string[] = [];
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, text);
    written.push(file);
  }
  return written;
}
