import { decodeAudioFile } from '@emotrans/core';
import {
  EGEMAPS_FUNCTIONAL_NAMES,
  EGEMAPS_LLD_NAMES,
  egemapsFunctionals,
  extractRawLlds,
  functionalContours,
  functionalWindows,
  smoothEgemapsLlds,
  type RawEgemapsLlds,
} from '@emotrans/plugin-egemaps';
import { join } from 'node:path';
import { below, clipsUnavailable, columnAgreement, makeClips, readReference } from './opensmile-reference';

/**
 * Agreement with SMILExtract (openSMILE 3.0, config/egemaps/v02/eGeMAPSv02.conf) on real recordings, per column:
 * the reference CSVs in test/reference were made locally by make-references.sh; the clips are cut again here
 * from the Debian packages CI installs (clips.sh). Each clip is analysed once (extractRawLlds, what every
 * eGeMAPS feature set starts from) and the three outputs derived from that. VALIDATION.md has the tables.
 *
 * Bar: r >= 0.99 for every column (the formants too: their ill-conditioned polynomial is fed bit-identical
 * spectra, VALIDATION.md).
 */
const unavailable = clipsUnavailable();
const maybe = unavailable ? describe.skip : describe;
if (unavailable) console.warn(`egemaps-opensmile: skipped, ${unavailable}`);

/** Clips with LLD references (8 to 48 kHz, speech and music) and those with 1 Hz references. */
const FRAME_LEVEL_CLIPS = ['speech8', 'speech16', 'speech48', 'music22', 'music44', 'music48'];
const WINDOWED_CLIPS = ['speech16', 'music44', 'music22', 'speech8', 'speech48'];

/** EGEMAPS_AGREEMENT=1 prints every column's r (the VALIDATION.md tables). */
function report(title: string, agreement: Map<string, number>): void {
  if (!process.env.EGEMAPS_AGREEMENT) return;
  const values = [...agreement.values()];
  const lines = [...agreement].map(([name, r]) => `  ${name} ${r.toFixed(4)}`);
  console.log(`${title}: ${values.filter((r) => r >= 0.99).length}/${values.length} at r >= 0.99, min ${Math.min(...values).toFixed(4)}\n${lines.join('\n')}`);
}

function expectAgreement(agreement: Map<string, number>): void {
  expect(below(agreement)).toEqual([]);
}

maybe('eGeMAPS v02 against SMILExtract on real speech and music', () => {
  const raw = new Map<string, RawEgemapsLlds>();
  beforeAll(async () => {
    const clips = makeClips();
    try {
      for (const name of readReference('files.func.csv').keys) raw.set(name, extractRawLlds(await decodeAudioFile(join(clips.dir, `${name}.wav`))));
    } finally {
      clips.cleanup();
    }
  }, 120000);

  it.each(FRAME_LEVEL_CLIPS)('egemaps-lld on %s, at its own rate: rows, timestamps and every LLD', (name) => {
    const reference = readReference(`${name}.lld.csv`);
    const llds = raw.get(name)!;
    const tracks = smoothEgemapsLlds(llds);
    expect(tracks.frames).toBe(reference.rows.length);
    expect(llds.periodSeconds * (tracks.frames - 1)).toBeCloseTo(Number(reference.keys[tracks.frames - 1]), 5);
    const agreement = columnAgreement(EGEMAPS_LLD_NAMES, (j) => tracks.data.subarray(j * tracks.frames, (j + 1) * tracks.frames), reference);
    report(`egemaps-lld ${name}`, agreement);
    expectAgreement(agreement);
  });

  it('egemaps (one row per file) over 18 files: every functional, correlated across files', () => {
    const reference = readReference('files.func.csv');
    const rows = reference.keys.map((name) => {
      const out = new Float32Array(EGEMAPS_FUNCTIONAL_NAMES.length);
      egemapsFunctionals(functionalContours(raw.get(name)!), { start: 0, end: Infinity }, out);
      return out;
    });
    const agreement = columnAgreement(EGEMAPS_FUNCTIONAL_NAMES, (j) => rows.map((r) => r[j]), reference);
    report('egemaps per file', agreement);
    expectAgreement(agreement);
  });

  it('egemaps-1hz (1 s windows) at 8, 16, 22.05, 44.1 and 48 kHz: window count and every functional, pooled over windows', () => {
    const references = WINDOWED_CLIPS.map((n) => readReference(`${n}.1hz.csv`));
    const rows: Float32Array[] = [];
    WINDOWED_CLIPS.forEach((name, k) => {
      const contours = functionalContours(raw.get(name)!);
      const windows = functionalWindows(contours, 1, 1);
      expect([name, windows.count]).toEqual([name, references[k].rows.length]);
      for (let w = 0; w < windows.count; w++) {
        const out = new Float32Array(EGEMAPS_FUNCTIONAL_NAMES.length);
        egemapsFunctionals(contours, { start: windows.start[w], end: windows.end[w] }, out);
        rows.push(out);
      }
    });
    const pooled = { columns: references[0].columns, keys: references.flatMap((r) => r.keys), rows: references.flatMap((r) => r.rows) };
    const agreement = columnAgreement(EGEMAPS_FUNCTIONAL_NAMES, (j) => rows.map((r) => r[j]), pooled);
    report('egemaps-1hz', agreement);
    expectAgreement(agreement);
  });
});
