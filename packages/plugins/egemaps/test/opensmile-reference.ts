import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The SMILExtract reference CSVs (test/reference, made by make-references.sh) and the clips they were made from. */
export const REFERENCE_DIR = join(__dirname, 'reference');

/** A semicolon CSV with a header: the first column is a key (frame time or file name), the rest numbers. */
export interface ReferenceTable {
  readonly columns: readonly string[];
  readonly keys: readonly string[];
  /** rows[i][j]: column j (of `columns`) of row i. */
  readonly rows: readonly Float64Array[];
}

export function readReference(file: string): ReferenceTable {
  const lines = readFileSync(join(REFERENCE_DIR, file), 'utf8').trim().split('\n');
  const header = lines[0].split(';');
  return {
    columns: header.slice(1),
    keys: lines.slice(1).map((l) => l.split(';')[0]),
    rows: lines.slice(1).map((l) => Float64Array.from(l.split(';').slice(1), Number)),
  };
}

/** Why the real-audio test cannot run here (sox or the Debian recordings missing), or null. */
export function clipsUnavailable(): string | null {
  try {
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'sox is not installed';
  }
  for (const path of ['/usr/share/pocketsphinx/test/data/librivox', '/usr/share/scummvm/drascula/audio/track2.ogg']) {
    if (!existsSync(path)) return `${path} is missing (Debian packages pocketsphinx-testdata, drascula-music)`;
  }
  return null;
}

/** Cuts the reference clips (clips.sh) into a fresh temporary folder; call the returned cleanup when done. */
export function makeClips(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'egemaps-clips-'));
  execFileSync('bash', [join(REFERENCE_DIR, 'clips.sh'), dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Pearson r; 1 when both are constant and equal within `tolerance`, 0 when only one is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>, tolerance = 1e-4): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  const scale = Math.max(1, Math.abs(ma), Math.abs(mb));
  const flat = (s: number) => Math.sqrt(s / n) <= tolerance * scale;
  if (flat(saa) && flat(sbb)) return Math.abs(ma - mb) <= tolerance * scale ? 1 : 0;
  if (flat(saa) || flat(sbb)) return 0;
  return sab / Math.sqrt(saa * sbb);
}

/** Per-column Pearson r of ours (column-name -> values) against a reference table. */
export function columnAgreement(names: readonly string[], ours: (column: number) => ArrayLike<number>, reference: ReferenceTable): Map<string, number> {
  const result = new Map<string, number>();
  names.forEach((name, j) => {
    const k = reference.columns.indexOf(name);
    if (k < 0) throw new Error(`reference has no column ${name}`);
    result.set(name, pearson(ours(j), reference.rows.map((row) => row[k])));
  });
  return result;
}

/** "name r=0.987" for the columns below `threshold`, worst first. */
export function below(agreement: Map<string, number>, threshold = 0.99): string[] {
  return [...agreement]
    .filter(([, r]) => !(r >= threshold))
    .sort((x, y) => x[1] - y[1])
    .map(([name, r]) => `${name} r=${r.toFixed(3)}`);
}
