#!/usr/bin/env node
/**
 * Runs the benchmarks: every bench/<name>.bench.js (or those named on the command line), one after another,
 * each in its own process so peak memory and timings do not mix. Benchmarks print their figures; nothing
 * is asserted. Build first (npm run build).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.js$/, '')))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ') || '(any)'}; available: ${fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.js')).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.js$/, '')}`);
  const run = spawnSync(process.execPath, [path.join(__dirname, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
