/**
 * Mutated example specs (seeded, 200 per example): each is either valid or a BadInputError (exit 2) whose
 * every line names a field — never another error, a crash or an accepted absurd size. The CLI gives the
 * same for a few of them (bench/fuzz-specs.js runs many more through the CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, createSession, validateSpecContributions, validateSpecShape } from '@emotrans/core';
import { root, runCli, scratch, STACK_FRAME } from './harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mutateSpec } = require('./spec-mutations') as { mutateSpec(spec: unknown, seed: number): { spec: unknown; applied: string[] } };

const work = scratch('fuzz');
const session = createSession();
const EXAMPLES = ['demo.json', 'paper-synth.json', 'paper.json'];
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));

/** What validating a spec gives: 'valid', or the problem lines of its BadInputError. */
function validate(raw: unknown): 'valid' | string[] {
  try {
    const spec = validateSpecShape(raw, 'spec.json');
    validateSpecContributions(spec, session.registry, 'spec.json');
    return 'valid';
  } catch (error) {
    if (!(error instanceof BadInputError)) throw new Error(`not a BadInputError: ${(error as Error).stack}`);
    return error.message.split('\n').slice(1).map((line) => line.trim());
  }
}

it.each(EXAMPLES)('200 mutations of %s: valid or exit 2 naming the field on every line', (name) => {
  const base = example(name);
  const outcomes = { valid: 0, rejected: 0 };
  for (let seed = 1; seed <= 200; seed++) {
    const { spec, applied } = mutateSpec(base, seed);
    const result = validate(spec);
    if (result === 'valid') {
      outcomes.valid++;
      continue;
    }
    outcomes.rejected++;
    for (const line of result) {
      // "field.path: got ..., expected ...", "field: unknown ..." or "field (value) and ..."; the root is "(root)".
      if (!/^(\(root\)|[A-Za-z$][\w$-]*(\.[\w$-]+|\[\d+\])*)(\.id|\.options[\w.[\]-]*)?(: | \()/.test(line)) throw new Error(`seed ${seed} [${applied.join('; ')}]: no field named in "${line}"`);
    }
  }
  // Both outcomes occur: the mutations are neither all harmless nor all fatal.
  expect(outcomes.valid).toBeGreaterThan(5);
  expect(outcomes.rejected).toBeGreaterThan(100);
});

it.each([
  ['protocol.repetitions', { repetitions: 1e7 }],
  ['protocol.cv.folds', { cv: { scheme: 'kfold', folds: 1e6 } }],
  ['protocol.bestOf', { bestOf: 1e6 }],
  ['protocol.annotationDelay', { annotationDelay: 1e9 }],
])('a size no machine can run is refused up front: %s', (field, protocol) => {
  const result = validate({ ...example('demo.json'), protocol: { ...example('demo.json').protocol, ...protocol } });
  expect(result).not.toBe('valid');
  expect((result as string[]).join('\n')).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: got .* expected a value that must be <= `, 'm'));
});

it('through the CLI: exit 0 or 2, never a stack trace (a few mutations; bench/fuzz-specs.js does many)', () => {
  const base = example('demo.json');
  for (const seed of [3, 7, 11, 19]) {
    const file = path.join(work, `m${seed}.json`);
    fs.writeFileSync(file, JSON.stringify(mutateSpec(base, seed).spec));
    const result = runCli(['validate', file]);
    expect([0, 2]).toContain(result.code);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  }
});
