/**
 * The two semver questions a plugin's `engines.emotrans` raises: is it a valid range, and does it include
 * the running core. semver answers them, its two functions required on first use: a command that checks no
 * plugin's range (or a worker thread) does not load its range classes.
 */

/** Whether `range` is a valid semver range (semver's `validRange(range) !== null`). */
export function isValidRange(range: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('semver/ranges/valid') as typeof import('semver/ranges/valid'))(range) !== null;
}

/** Whether `version` is in `range`, prereleases included (semver's `satisfies` with `includePrerelease`). */
export function rangeIncludes(version: string, range: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('semver/functions/satisfies') as typeof import('semver/functions/satisfies'))(version, range, { includePrerelease: true });
}
