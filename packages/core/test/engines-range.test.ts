/**
 * The plain-caret answers of engines-range equal semver's, over a grid of ranges and versions around the
 * caret's bounds (zero and non-zero majors and minors), and anything else is semver's own answer.
 */
import satisfies from 'semver/functions/satisfies';
import validRange from 'semver/ranges/valid';
import { isValidRange, rangeIncludes } from '../src/plugins/engines-range';

const parts = [0, 1, 2, 10];
const versions = parts.flatMap((a) => parts.flatMap((b) => parts.map((c) => `${a}.${b}.${c}`)));

it('answers plain carets as semver does', () => {
  let checked = 0;
  for (const low of versions) {
    const range = `^${low}`;
    expect(isValidRange(range)).toBe(validRange(range) !== null);
    for (const version of versions) {
      expect([range, version, rangeIncludes(version, range)]).toEqual([range, version, satisfies(version, range, { includePrerelease: true })]);
      checked++;
    }
  }
  expect(checked).toBe(versions.length ** 2);
});

it('leaves every other range and version to semver', () => {
  const ranges = ['^0.1.0-beta.1', '~0.1.0', '>=0.1.0 <0.3.0', '0.1.x', '*', '^0.1', '^01.2.3', ' ^0.1.0', '^0.1.0 || ^1.0.0', 'not a range', '^999999999999999999.0.0'];
  const others = ['0.1.0', '0.1.1-rc.1', '0.2.0-0', '1.0.0', '0.0.9'];
  for (const range of ranges) {
    expect([range, isValidRange(range)]).toEqual([range, validRange(range) !== null]);
    if (validRange(range) === null) continue;
    for (const version of others) expect([range, version, rangeIncludes(version, range)]).toEqual([range, version, satisfies(version, range, { includePrerelease: true })]);
  }
});
