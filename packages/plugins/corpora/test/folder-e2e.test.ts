/**
 * A folder corpus through the whole runner: WAV files whose level in dB is a known linear function of
 * arousal, annotated on a 1-9 scale at 2 Hz. If the loader matched files and times correctly, the `simple`
 * features (mean RMS level per second) and ridge recover arousal almost exactly; the aligned targets are
 * back on the generating scale (|arousal| <= 0.8).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createSession, encodeWav16, runExperiment, validateSpecContributions, validateSpecShape } from '@emotrans/core';
import { tempDir, writeBytes, writeText } from './fixture-files';

const RATE = 8000;
const SECONDS = 12;

/** Arousal (on [-1, 1]) of take k at time t: a slow sinusoid with its own phase. */
const arousalOf = (k: number, t: number) => 0.8 * Math.sin(2 * Math.PI * (t / 9) + k);

/** Take k: a 220 Hz tone whose level is -20 + 12 arousal dB re a full-scale sine. */
function writeTake(dir: string, k: number): void {
  const samples = Float32Array.from({ length: RATE * SECONDS }, (_, i) => {
    const t = i / RATE;
    return 10 ** ((-20 + 12 * arousalOf(k, t)) / 20) * Math.SQRT2 * Math.sin(2 * Math.PI * 220 * t);
  });
  writeBytes(dir, `wav/take${k}.wav`, encodeWav16(samples, RATE));
}

describe('folder corpus end to end (runExperiment, simple features, ridge)', () => {
  const dir = tempDir('folder-e2e');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('recovers arousal annotated on a 1-9 scale at 2 Hz: r > 0.98 and RMSE < 0.1 on [-1, 1]', async () => {
    const rows = ['file,time,arousal,valence'];
    for (let k = 0; k < 4; k++) {
      writeTake(dir, k);
      for (let t = 0; t <= SECONDS; t += 0.5) rows.push(`take${k}.wav,${t},${5 + 4 * arousalOf(k, t)},5`);
    }
    writeText(dir, 'labels.csv', `${rows.join('\n')}\n`);
    writeText(dir, 'manifest.json', JSON.stringify({ domain: 'speech', scale: [1, 9], rate: 2, annotations: 'labels.csv', audio: 'wav' }));
    const session = createSession();
    const spec = validateSpecShape({
      name: 'folder-e2e',
      seed: 1,
      corpora: { speech: { id: 'folder', options: { dir } } },
      features: { id: 'simple' },
      regressor: { id: 'ridge' },
      metrics: ['rmse', 'pearson'],
      protocol: { conditions: ['intra'], cv: { scheme: 'loso' } },
      output: path.join(dir, 'results'),
      cacheDir: path.join(dir, 'cache'),
    });
    validateSpecContributions(spec, session.registry);
    const result = await runExperiment(spec, session.registry, { runId: 'e2e' });
    const pick = (metric: string) =>
      result.summary.find((s) => s.dimension === 'arousal' && s.metric === metric && s.aggregation === 'concatenated' && s.condition === 'intra')!.mean;
    expect(pick('pearson')).toBeGreaterThan(0.98);
    expect(pick('rmse')).toBeLessThan(0.1);
    const targets = result.datasets.get('speech')!.labelled.flatMap((s) => Array.from(s.targets.arousal));
    expect(Math.max(...targets)).toBeGreaterThan(0.75);
    expect(Math.max(...targets)).toBeLessThanOrEqual(0.8 + 1e-6);
    expect(Math.min(...targets)).toBeLessThan(-0.75);
    const report = result.datasets.get('speech')!.report as Record<string, unknown>;
    expect(report).toMatchObject({ corpus: 'folder', labelledSequences: 4, originalScale: [1, 9], annotationRate: 2 });
  });
});
