/**
 * Broken labels are bad input named down to the line; a contribution whose output is not finite (or has no
 * columns, or times that go backwards) fails its unit with the contribution named, never NaN tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BadInputError, createSession, encodeWav16, EmotransError, RunFailure, runExperiment, validateSpecContributions, validateSpecShape } from '@emotrans/core';
import { plugin, scratch, smallSpec } from './harness';

const work = scratch('outputs');
const session = createSession({ plugins: [plugin] });
let runs = 0;

/** Runs a small spec in this process: its units in this thread, or on a worker thread with `offMainThread`. */
async function run(parts: Parameters<typeof smallSpec>[1], offMainThread = false): Promise<{ error?: EmotransError; runDir: string }> {
  const spec = validateSpecShape(smallSpec(work, parts));
  validateSpecContributions(spec, session.registry);
  const runId = `r${runs++}`;
  try {
    await runExperiment(spec, session.registry, { runId, report: { images: false }, offMainThread });
    return { runDir: path.join(work, 'results', runId) };
  } catch (error) {
    if (!(error instanceof EmotransError)) throw error;
    return { error, runDir: path.join(work, 'results', runId) };
  }
}

describe('labels', () => {
  it.each([
    ['nan-label', /corpus 'bad-toy' \(domain music\), sequence 'music-02', music-02\.csv line 5 \(t = 3 s\): arousal is NaN/],
    ['inf-label', /sequence 'music-02', music-02\.csv line 4 \(t = 2 s\): valence is Infinity/],
    ['repeated-time', /sequence 'music-02', music-02\.csv line 6: time 3 s repeats the previous annotation point's/],
    ['decreasing-time', /sequence 'music-02', music-02\.csv line 6: time 2 s comes after 3 s/],
    ['one-group', /corpus 'bad-toy' \(domain music\): 3 sequences all in group 'everyone'; .* needs labelled sequences of at least 2 groups/],
  ])('%s: exit 2 naming corpus, sequence and line', async (mode, message) => {
    const { error } = await run({ corpus: mode });
    expect(error).toBeInstanceOf(BadInputError);
    expect(error!.exitCode).toBe(2);
    expect(error!.message).toMatch(message);
  });

  it('a labelled sequence whose audio is too short for one feature row is an error, not silently dropped', async () => {
    // A valid WAV holding 100 samples (12.5 ms): no 1 s window of the feature set fits.
    const file = path.join(work, 'blip.wav');
    fs.writeFileSync(file, encodeWav16(new Float32Array(100).fill(0.1), 8000));
    const { error } = await run({ corpus: 'ok', extra: { corpora: { music: { id: 'bad-toy', options: { audioFile: file } } } } });
    expect(error).toBeInstanceOf(BadInputError);
    expect(error!.message).toBe(`${file}: corpus 'bad-toy' (domain music), sequence 'music-02': no feature row falls within its annotations (features none: the audio is too short, annotations 0 to 6 s)`);
  });

  it('a domain with one sequence: exit 2 naming corpus and sequence, not a stack from the cross-validation', async () => {
    const { error } = await run({ extra: { corpora: { music: { id: 'bad-toy', options: { sequences: 1 } } } } });
    expect(error).toBeInstanceOf(BadInputError);
    expect(error!.message).toBe(
      "corpus 'bad-toy' (domain music): 1 sequence ('music-01'); the 'intra' condition's cross-validation (loso) needs labelled sequences of at least 2 groups to train on some and test on others",
    );
  });

  it('duplicate sequence ids fail naming the corpus', async () => {
    const { error } = await run({ corpus: 'duplicate-ids' });
    expect(error).toBeInstanceOf(RunFailure);
    expect(error!.message).toMatch(/corpus 'bad-toy' returned two sequences with the id 'music-01'/);
  });

  it('a constant gold trace is noted in metrics.json, not silently null', async () => {
    const { error, runDir } = await run({ corpus: 'constant' });
    expect(error).toBeUndefined();
    const metrics = JSON.parse(fs.readFileSync(path.join(runDir, 'metrics.json'), 'utf8'));
    const pearson = metrics.scores.filter((s: { metric: string; dimension: string; aggregation: string }) => s.metric === 'pearson' && s.dimension === 'arousal' && s.aggregation === 'per-sequence');
    expect(pearson.length).toBeGreaterThan(0);
    expect(metrics.notes).toEqual([
      expect.objectContaining({ target: 'music', sequence: 'music-01', dimension: 'arousal', trace: 'gold', note: expect.stringMatching(/constant \(0\.25\).*undefined \(null\)/) }),
    ]);
  });
});

describe('contribution outputs', () => {
  it.each([
    [{ regressor: 'nan' }, /unit music\/intra\/music\/f0\/r0: regressor 'bad-ridge' returned predictions for sequence 'music-01' that have a non-finite arousal value \(NaN\) at row 0 \(predict\)/],
    [{ regressor: 'inf' }, /regressor 'bad-ridge' returned predictions for sequence 'music-01' that have a non-finite valence value \(-Infinity\) at row 5/],
    [{ regressor: 'short' }, /regressor 'bad-ridge' returned predictions for sequence 'music-01' that have 5 arousal values for 6 feature rows/],
    [{ features: 'nan' }, /features 'bad-simple' returned a feature matrix that has a non-finite value \(NaN\) in feature 'rms_db_std' at row 1/],
    [{ features: 'no-columns' }, /features 'bad-simple' returned a feature matrix that has 0 feature columns/],
    [{ features: 'decreasing-times' }, /features 'bad-simple' returned a feature matrix that has times that do not increase \(row 2: 0\.5 s after 1\.5 s\)/],
  ])('%j: the unit fails naming the contribution, no metrics written', async (parts, message) => {
    const { error, runDir } = await run(parts);
    expect(error).toBeInstanceOf(RunFailure);
    expect(error!.exitCode).toBe(1);
    expect(error!.message).toMatch(message);
    expect(fs.existsSync(path.join(runDir, 'metrics.json'))).toBe(false);
  });

  it('an absurd frame rate is refused before any audio is read', async () => {
    const { error } = await run({ features: 'huge-rate' });
    expect(error).toBeInstanceOf(BadInputError);
    expect(error!.message).toMatch(/features 'bad-simple' would produce 1000000 rows per second .* at most 1000/);
  });
});

describe('anything thrown becomes a RunFailure naming unit, kind and id', () => {
  it.each([
    [{ regressor: 'throw-string' }, "unit music/intra/music/f0/r0: regressor 'bad-ridge' failed in fit: regressor exploded"],
    [{ regressor: 'throw-undefined' }, "unit music/intra/music/f0/r0: regressor 'bad-ridge' failed in fit: it threw undefined (not an Error)"],
    [{ regressor: 'reject' }, "unit music/intra/music/f0/r0: regressor 'bad-ridge' failed in fit: fit rejected on purpose"],
    [{ regressor: 'predict-throws' }, "unit music/intra/music/f0/r0: regressor 'bad-ridge' failed in predict: predict exploded"],
    [{ corpus: 'throw-string' }, "corpus 'bad-toy' (domain music): corpus 'bad-toy' failed in load: corpus exploded"],
    [{ corpus: 'throw-undefined' }, "corpus 'bad-toy' (domain music): corpus 'bad-toy' failed in load: it threw undefined (not an Error)"],
  ])('%j', async (parts, message) => {
    const { error } = await run(parts);
    expect(error).toBeInstanceOf(RunFailure);
    expect(error!.message).toBe(message);
  });
});

// The CLI runs units on worker threads even with --jobs 1 (so signals are honoured at once); scripts and
// notebooks run them in their own thread. Either way a failure reads the same and exits the same.
describe('the same failure in this thread and on a worker thread', () => {
  it.each([
    [{ regressor: 'throw-string' }],
    [{ regressor: 'throw-bad-input' }],
    [{ regressor: 'predict-throws' }],
    [{ regressor: 'nan' }],
    [{ features: 'nan' }],
    [{ corpus: 'ok', extra: { corpora: { music: { id: 'bad-toy', options: { audioFile: path.join(work, 'no-such.wav') } } } } }],
  ])('%j', async (parts) => {
    const here = await run(parts);
    const worker = await run(parts, true);
    expect(here.error).toBeInstanceOf(EmotransError);
    expect(worker.error!.constructor).toBe(here.error!.constructor);
    expect(worker.error!.exitCode).toBe(here.error!.exitCode);
    expect(worker.error!.message).toBe(here.error!.message);
  });
});
