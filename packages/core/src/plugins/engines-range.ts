/**
 * The two semver questions a plugin's `engines.emotrans` raises: is it a valid range, and does it include
 * the running core. semver answers them; loading it (its range classes compile some forty regular
 * expressions) is a good part of a command's start-up, for ranges that are nearly always a plain caret
 * (`^0.1.0`, what `emotrans new` writes) checked against a plain version. Those are answered here by
 * semver's caret rule, the same answers (packages/core/test/engines-range.test.ts compares them with semver's); any
 * other range or version goes to semver, required then.
 */

/** `MAJOR.MINOR.PATCH`, numbers without leading zeros, short enough to be exact (no prerelease or build). */
const PLAIN = /^(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})$/;

function plain(text: string): [number, number, number] | undefined {
  const match = PLAIN.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: readonly number[], b: readonly number[]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `range` is a valid semver range (semver's `validRange(range) !== null`). */
export function isValidRange(range: string): boolean {
  if (range.startsWith('^') && plain(range.slice(1))) return true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('semver/ranges/valid') as typeof import('semver/ranges/valid'))(range) !== null;
}

/** Whether `version` is in `range`, prereleases included (semver's `satisfies` with `includePrerelease`). */
export function rangeIncludes(version: string, range: string): boolean {
  const low = range.startsWith('^') ? plain(range.slice(1)) : undefined;
  const at = plain(version);
  if (low && at) {
    // ^M.m.p: >= M.m.p and below the next release that changes the first non-zero part.
    const high: [number, number, number] = low[0] > 0 ? [low[0] + 1, 0, 0] : low[1] > 0 ? [0, low[1] + 1, 0] : [0, 0, low[2] + 1];
    return compare(at, low) >= 0 && compare(at, high) < 0;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('semver/functions/satisfies') as typeof import('semver/functions/satisfies'))(version, range, { includePrerelease: true });
}
