#!/usr/bin/env node
/**
 * Spec fuzzing through the real CLI: mutates each example spec N times (seeded, replayable) and runs
 * `emotrans validate` on every mutation, then `emotrans run` on those of the demo that validate. Fails (exit 1) on any
 * exit code other than 0 or 2, on a stack trace or "unexpected failure" in a message, or on a run that
 * does not end within the time limit. Usage: node bench/fuzz-specs.js [N=40] [--seed S] [--timeout-ms T] [--run-all]
 * Build first (npm run build). Runs go to a scratch folder (removed at the end) with images off.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { mutateSpec } = require('../test/robustness/spec-mutations');

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const n = Number(argv.find((a) => /^\d+$/.test(a)) ?? 40);
const seed0 = option('--seed', 1);
const timeout = option('--timeout-ms', 120000);
const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'packages', 'core', 'bin', 'emotrans.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emotrans-fuzz-'));
const examples = ['demo.json', 'paper-synth.json', 'paper.json'].map((f) => path.join(root, 'examples', f));
// Mutations that validate are also run for the toy demo (seconds each); the paper specs take minutes per
// run, so they are validated only unless --run-all is given.
const runnable = (example) => argv.includes('--run-all') || example.endsWith('demo.json');
const STACK = /^\s+at .+[(:]/m;

const env = { ...process.env, EMOTRANS_CHROMIUM: 'none', EMOTRANS_CACHE: process.env.EMOTRANS_CACHE ?? path.join(work, 'cache') };
const failures = [];
const counts = { validateOk: 0, validateBad: 0, runOk: 0, runBad: 0 };

function check(kind, specFile, applied, result) {
  const problem =
    result.error?.code === 'ETIMEDOUT' || result.signal
      ? `no answer within ${timeout} ms (${result.signal ?? 'timeout'})`
      : ![0, 2].includes(result.status)
        ? `exit code ${result.status}`
        : STACK.test(result.stderr) || /unexpected failure/.test(result.stderr)
          ? 'a stack trace or "unexpected failure" in the message'
          : undefined;
  if (problem) failures.push({ kind, specFile, applied, problem, stderr: result.stderr.slice(0, 2000) });
  return result.status;
}

const started = Date.now();
for (const example of examples) {
  const base = JSON.parse(fs.readFileSync(example, 'utf8'));
  for (let k = 0; k < n; k++) {
    const seed = seed0 + k;
    const { spec, applied } = mutateSpec(base, seed);
    // Results and caches stay in the scratch folder whatever the mutation did to `output`.
    if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      if (typeof spec.output === 'string') spec.output = path.join(work, 'results', path.basename(spec.output));
      else if (!('output' in spec)) spec.output = path.join(work, 'results');
      if (typeof spec.cacheDir === 'string') spec.cacheDir = path.join(work, 'cache');
    }
    const specFile = path.join(work, `${path.basename(example, '.json')}-${seed}.json`);
    fs.writeFileSync(specFile, JSON.stringify(spec));
    const validated = check('validate', specFile, applied, spawnSync(process.execPath, [cli, 'validate', specFile], { env, encoding: 'utf8', timeout }));
    if (validated !== 0) {
      counts.validateBad++;
      continue;
    }
    counts.validateOk++;
    if (!runnable(example)) continue;
    const ran = check('run', specFile, applied, spawnSync(process.execPath, [cli, 'run', specFile, '--quiet', '--no-images', '--run-id', `m${seed}`], { cwd: work, env, encoding: 'utf8', timeout }));
    counts[ran === 0 ? 'runOk' : 'runBad']++;
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`fuzz-specs: ${n} mutations x ${examples.length} example specs (seeds ${seed0}..${seed0 + n - 1}) in ${seconds} s`);
console.log(`  validate: ${counts.validateOk} valid, ${counts.validateBad} rejected (exit 2); run: ${counts.runOk} finished, ${counts.runBad} rejected`);
for (const f of failures) console.log(`  FAIL ${f.kind} ${path.basename(f.specFile)} [${f.applied.join('; ')}]: ${f.problem}\n    ${f.stderr.split('\n').slice(0, 6).join('\n    ')}`);
console.log(failures.length ? `${failures.length} failures (specs kept in ${work})` : 'no failures');
if (!failures.length) fs.rmSync(work, { recursive: true, force: true });
process.exit(failures.length ? 1 : 0);
