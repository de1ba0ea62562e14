import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BadInputError } from '../runtime/errors';
import { TEMPORARY_SUFFIX, writeFileAtomic } from './atomic-write';
import { RUN_LOCK_FILE } from './run-lock';

/** The checksum list of a finished run, in `sha256sum` format (`sha256sum -c SHA256SUMS` checks it). */
export const CHECKSUMS_FILE = 'SHA256SUMS';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function filesUnder(dir: string, relative = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, name));
    else if (entry.isFile() && name !== CHECKSUMS_FILE && name !== RUN_LOCK_FILE && !name.endsWith(TEMPORARY_SUFFIX) && !name.endsWith('.lock')) out.push(name);
  }
  return out;
}

/** Writes `SHA256SUMS` for every file of a run folder (written last: its presence means the run finished). */
export function writeChecksums(runDir: string): void {
  const lines = filesUnder(runDir).map((name) => `${sha256(fs.readFileSync(path.join(runDir, name)))}  ${name}`);
  writeFileAtomic(path.join(runDir, CHECKSUMS_FILE), `${lines.join('\n')}\n`);
}

/** The checksums listed in a run's SHA256SUMS (relative path -> hex), or undefined when it has none. */
export function readChecksums(runDir: string): Map<string, string> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(runDir, CHECKSUMS_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (match) sums.set(match[2], match[1]);
  }
  return sums;
}

/**
 * The bytes of a run's file, checked against SHA256SUMS when the run has one: a file changed or cut short
 * after the run finished is a BadInputError naming it, never read as if whole.
 */
export function readVerifiedRunFile(runDir: string, relative: string, sums: Map<string, string> | undefined): Buffer {
  const file = path.join(runDir, relative);
  const bytes = fs.readFileSync(file);
  const expected = sums?.get(relative.split(path.sep).join('/'));
  if (sums && expected === undefined) throw new BadInputError(`not listed in the run's ${CHECKSUMS_FILE} (added after the run finished?)`, file);
  if (expected !== undefined && expected !== sha256(bytes)) {
    throw new BadInputError(`does not match its checksum in ${CHECKSUMS_FILE} (changed or cut short after the run finished)`, file);
  }
  return bytes;
}
