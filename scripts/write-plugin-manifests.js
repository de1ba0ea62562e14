#!/usr/bin/env node
/**
 * Writes each workspace plugin's static manifest (package.json `contributes`, `engines.emotrans`) from the
 * manifests its code exports, so `emotrans list`/`validate` can read them without loading the code.
 * Run after changing a contribution's manifest (`npx tsc -b && node scripts/write-plugin-manifests.js`);
 * the registry refuses a plugin whose package.json and code disagree, and the conformance test checks them.
 */
const fs = require('node:fs');
const path = require('node:path');
const { contributionsOfModule, staticManifestOf, requirePluginModule } = require('../packages/core/dist');

const root = path.resolve(__dirname, '..');
const folders = [
  ...fs.readdirSync(path.join(root, 'packages', 'plugins')).map((p) => path.join(root, 'packages', 'plugins', p)),
  path.join(root, 'examples', 'plugins', 'mean-shift'),
];
for (const dir of folders) {
  const file = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { module } = requirePluginModule(dir);
  const declared = staticManifestOf(contributionsOfModule(module));
  const next = { ...pkg, engines: { ...pkg.engines, emotrans: pkg.engines?.emotrans ?? '^0.1.0' }, contributes: declared };
  const text = `${JSON.stringify(next, null, 2)}\n`;
  if (text !== fs.readFileSync(file, 'utf8')) {
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(root, file)}\n`);
  }
}
