import type { AudioSignal } from '../data/audio';
import type { FeatureMatrix } from '../data/feature-matrix';
import type { FeatureSet } from '../extension-points/feature-set';
import type { CheckRecorder } from './findings';
import { checkContext, firstNonFinite, snapshot } from './synthetic-inputs';

/** A 3 s tone with a little seeded noise at `sampleRate`. */
function testAudio(sampleRate: number): AudioSignal {
  const samples = new Float32Array(3 * sampleRate);
  let state = 12345;
  for (let i = 0; i < samples.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    samples[i] = 0.4 * Math.sin((2 * Math.PI * 220 * i) / sampleRate) + 0.02 * (state / 2 ** 32 - 0.5);
  }
  return { samples, sampleRate, origin: 'conformance tone' };
}

/** describe() and extract() on a synthetic tone: names and rows as described, finite, deterministic. */
export async function checkFeatureSet(set: FeatureSet, options: Record<string, unknown>, record: CheckRecorder, cacheDir: string): Promise<void> {
  let info: ReturnType<FeatureSet['describe']> | undefined;
  if (!(await record.run('describe', () => {
    info = set.describe(structuredClone(options) as never);
    // frameRate 0: no fixed rate (e.g. one row of functionals per file).
    if (!Array.isArray(info?.names) || !(info.frameRate >= 0) || !Number.isFinite(info.frameRate)) {
      record.fail('describe', `got names ${Array.isArray(info?.names) ? `(${info.names.length})` : JSON.stringify(info?.names)} and frameRate ${info?.frameRate}, expected names and a finite frameRate >= 0`);
    }
  }))) return;
  const audio = testAudio(info!.sampleRate ?? 16000);
  const before = snapshot([audio.samples, options]);
  let features: FeatureMatrix | undefined;
  if (!(await record.run('extract shape', async () => {
    features = await set.extract(audio, structuredClone(options) as never, checkContext(1, cacheDir));
    if (!features || !(features.data instanceof Float32Array)) return record.fail('extract shape', 'extract did not return a FeatureMatrix');
    if (features.names.join('\u0000') !== info!.names.join('\u0000')) record.fail('extract shape', `names differ from describe() (${features.names.length} vs ${info!.names.length})`);
    if (features.rows === 0) record.fail('extract shape', 'no rows for 3 s of audio');
    for (let i = 1; i < features.times.length; i++) if (!(features.times[i] > features.times[i - 1])) return record.fail('extract shape', `times not increasing at row ${i}`);
  }))) return;
  await record.run('finite output', () => {
    const problem = firstNonFinite(features!);
    if (problem) record.fail('finite output', `extract: ${problem}`);
  });
  await record.run('inputs not mutated', () => {
    if (snapshot([audio.samples, options]) !== before) record.fail('inputs not mutated', 'extract changed the audio (or options) it was given');
  });
  await record.run('deterministic under a fixed seed', async () => {
    const again = await set.extract(audio, structuredClone(options) as never, checkContext(1, cacheDir));
    if (snapshot(again.data) !== snapshot(features!.data)) record.fail('deterministic under a fixed seed', 'two extractions of the same audio differ');
  });
  if (set.stream) {
    await record.run('stream equals extract', async () => {
      // blocks of an odd size cut frames at every possible place; the block array is reused, as the core does
      for (const blockSize of [997, audio.samples.length]) {
        const stream = await set.stream!({ sampleRate: audio.sampleRate, origin: audio.origin }, structuredClone(options) as never, checkContext(1, cacheDir));
        if (!stream) return; // these options are not streamed: the core extracts the whole signal
        const times: number[] = [];
        const data: number[] = [];
        const take = (rows: FeatureMatrix | undefined) => {
          if (!rows) return;
          times.push(...rows.times);
          data.push(...rows.data);
        };
        const block = new Float32Array(blockSize);
        for (let at = 0; at < audio.samples.length; at += blockSize) {
          const piece = audio.samples.subarray(at, at + blockSize);
          block.set(piece);
          take(stream.push(block.subarray(0, piece.length)));
          block.fill(Number.NaN); // a set that kept the array instead of copying sees garbage
        }
        take(stream.end());
        if (snapshot(times) !== snapshot(features!.times) || snapshot(data) !== snapshot(features!.data)) {
          return record.fail('stream equals extract', `the rows streamed in blocks of ${blockSize} samples (${times.length}) differ from extract's (${features!.rows})`);
        }
      }
    });
  }
}
