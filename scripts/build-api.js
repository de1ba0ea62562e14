#!/usr/bin/env node
/**
 * Builds packages/api/dist: the declaration files the public entry packages/core/dist/api.d.ts reaches,
 * copied with their relative layout. Fails when any of them imports a package (tfjs, inversify, node:...)
 * or references a types package: the API's declarations must stand alone. Run after `tsc -b`.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const coreDist = path.join(root, 'packages', 'core', 'dist');
const out = path.join(root, 'packages', 'api', 'dist');
const entry = path.join(coreDist, 'api.d.ts');
if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run npx tsc -b first`);

const reached = new Set();
const problems = [];
const visit = (file) => {
  if (reached.has(file)) return;
  reached.add(file);
  const text = fs.readFileSync(file, 'utf8');
  if (/\/\/\/\s*<reference\s+(types|lib)=/.test(text)) problems.push(`${path.relative(coreDist, file)}: references a types package`);
  // Comments may show imports (as examples); only code counts.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/(?!\/).*$/gm, '');
  for (const match of code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const specifier = match[1];
    if (!specifier.startsWith('.')) {
      problems.push(`${path.relative(coreDist, file)}: imports '${specifier}'`);
      continue;
    }
    const target = path.resolve(path.dirname(file), specifier);
    const candidates = [`${target}.d.ts`, path.join(target, 'index.d.ts')];
    const found = candidates.find((c) => fs.existsSync(c));
    if (!found) problems.push(`${path.relative(coreDist, file)}: cannot find '${specifier}'`);
    else visit(found);
  }
};
visit(entry);
if (problems.length) {
  process.stderr.write(`build-api: the API's declarations must stand alone:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
fs.rmSync(out, { recursive: true, force: true });
for (const file of reached) {
  const target = path.join(out, path.relative(coreDist, file));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Without the sourceMappingURL comment: the maps are not shipped.
  fs.writeFileSync(target, fs.readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
}
process.stdout.write(`build-api: ${reached.size} declaration files in ${path.relative(root, out)}\n`);
