import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { writeFileAtomic } from './atomic-write';

/** The field a sealed JSON file carries its checksum in (the last field of the top-level object). */
export const SEAL_FIELD = 'sha256';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const render = (value: object) => JSON.stringify(value, null, 2);

/**
 * Writes `value` (an object) as JSON with a SHA-256 of its own text in a last field `sha256`, atomically.
 * A reader re-serialises the parsed object without that field and compares, so a torn, truncated, edited
 * or bit-flipped file is detected (JSON.stringify of a parsed file gives back the same text).
 */
export function writeSealedJson(file: string, value: object): void {
  const body = { ...value } as Record<string, unknown>;
  delete body[SEAL_FIELD];
  writeFileAtomic(file, `${render({ ...body, [SEAL_FIELD]: sha256(render(body)) })}\n`);
}

/** What reading a sealed file found: its value, or why it cannot be trusted. */
export type SealedRead = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly reason: string };

/** Reads a file written by writeSealedJson and checks its checksum; never throws. */
export function readSealedJson(file: string): SealedRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message}; truncated?)` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON object' };
  const body = { ...(parsed as Record<string, unknown>) };
  const claimed = body[SEAL_FIELD];
  if (typeof claimed !== 'string') return { ok: false, reason: `no ${SEAL_FIELD} checksum (written by an older emotrans?)` };
  delete body[SEAL_FIELD];
  if (sha256(render(body)) !== claimed) return { ok: false, reason: 'checksum mismatch (the file was cut short or changed after it was written)' };
  return { ok: true, value: body };
}
