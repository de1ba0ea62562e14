/**
 * compare-lld and compare-1hz fed in blocks (FeatureSet.stream) give exactly the rows of the whole-signal
 * extraction, whatever the block sizes: 1 sample, 997 (frames cut at odd places), 4096, and the whole signal
 * at once; on synthetic signals (voiced runs, silence, noise; 16 and 44.1 kHz) and on real recordings.
 */
import fs from 'node:fs';
import { createRandom, decodeAudioFile, silentProgress, type AudioSignal, type FeatureMatrix, type FeatureSet, type RunContext } from '@emotrans/core';
import { compare1Hz, compare2016_1Hz, compareLld } from '@emotrans/plugin-compare';
import { ComparETrackStream } from '../src/lld/track-stream';
import { pinkNoise, sine, SR } from './signals';

const context = { random: createRandom(0), cacheDir: '/nonexistent', progress: silentProgress, log: () => {}, tf: () => Promise.reject(new Error('no tf')) } as unknown as RunContext;

/** A voiced tone with vibrato, a silence, pink noise and a second voiced run: every stage has state to carry. */
function speechLike(rate: number, seconds: number): Float32Array {
  const n = Math.round(rate * seconds);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const f = 140 + 30 * Math.sin(2 * Math.PI * 3 * t);
    phase += (2 * Math.PI * f) / rate;
    const voiced = (t > 0.2 && t < 1.3) || (t > 1.9 && t < seconds - 0.3);
    out[i] = voiced ? 0.3 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase)) : 0;
  }
  const noise = pinkNoise(seconds * (rate / SR), 0.02);
  for (let i = 0; i < n; i++) if (i / rate > 1.4 && i / rate < 1.8) out[i] += noise[i];
  return out;
}

async function streamed(set: FeatureSet<never>, audio: AudioSignal, options: object, block: number): Promise<FeatureMatrix> {
  const stream = await set.stream!({ sampleRate: audio.sampleRate, origin: audio.origin }, options as never, context);
  if (!stream) throw new Error('no stream');
  const parts: FeatureMatrix[] = [];
  const copy = new Float32Array(Math.min(block, audio.samples.length)); // a reused block, as the core hands them on
  for (let start = 0; start < audio.samples.length; start += block) {
    const piece = audio.samples.subarray(start, start + block);
    copy.set(piece);
    const rows = stream.push(copy.subarray(0, piece.length));
    if (rows) parts.push(rows);
  }
  const rest = stream.end();
  if (rest) parts.push(rest);
  const cols = parts[0]?.cols ?? 0;
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const data = new Float32Array(rows * cols);
  const times = new Float64Array(rows);
  let at = 0;
  for (const p of parts) {
    data.set(p.data, at * cols);
    times.set(p.times, at);
    at += p.rows;
  }
  return { names: parts[0]?.names ?? [], frameRate: parts[0]?.frameRate ?? 0, times, data, rows, cols };
}

function expectSame(actual: FeatureMatrix, expected: FeatureMatrix): void {
  expect(actual.names).toEqual(expected.names);
  expect(actual.frameRate).toBe(expected.frameRate);
  expect(actual.rows).toBe(expected.rows);
  expect(Buffer.from(actual.times.buffer, actual.times.byteOffset, actual.times.byteLength).equals(Buffer.from(expected.times.buffer, expected.times.byteOffset, expected.times.byteLength))).toBe(true);
  // bit for bit: the first differing value is named
  const differs = actual.data.findIndex((v, i) => !Object.is(v, expected.data[i]));
  expect(differs === -1 ? 'equal' : `row ${Math.floor(differs / actual.cols)} ${actual.names[differs % actual.cols]}: ${actual.data[differs]} vs ${expected.data[differs]}`).toBe('equal');
}

const BLOCKS = [1, 997, 4096, 1 << 24];

describe('compare streaming = whole signal', () => {
  const cases: [string, AudioSignal][] = [
    ['speech-like 16 kHz, 3.4 s', { samples: speechLike(16000, 3.4), sampleRate: 16000, origin: 'speech16' }],
    ['speech-like 44.1 kHz, 2.3 s', { samples: speechLike(44100, 2.3), sampleRate: 44100, origin: 'speech44' }],
    ['a tone of 61 ms (one whole 60 ms frame)', { samples: sine(220, 0.061, 0.5), sampleRate: SR, origin: 'short' }],
    ['40 ms (no row)', { samples: sine(220, 0.04, 0.5), sampleRate: SR, origin: 'tiny' }],
  ];
  it.each(cases)('compare-lld, %s', async (_label, audio) => {
    const whole = await compareLld.extract(audio, {}, context);
    for (const block of BLOCKS.slice(audio.samples.length > 40000 ? 1 : 0)) expectSame(await streamed(compareLld as never, audio, {}, block), whole);
  });
  it('compare-lld with the per-frame delta normaliser, block 1 and 997', async () => {
    const audio = cases[0][1];
    const whole = await compareLld.extract(audio, { deltaNormaliser: 'per-frame' }, context);
    expect(whole.rows).toBeGreaterThan(300);
    for (const block of [1, 997]) expectSame(await streamed(compareLld as never, audio, { deltaNormaliser: 'per-frame' }, block), whole);
  });
  it.each([
    [{ window: 1, hop: 1 }],
    [{ window: 1, hop: 0.5 }],
    [{ window: 0.37, hop: 0.61 }],
  ])('compare-1hz %j', async (windows) => {
    const audio = cases[0][1];
    const whole = await compare1Hz.extract(audio, windows, context);
    expect(whole.rows).toBeGreaterThan(1);
    for (const block of BLOCKS) expectSame(await streamed(compare1Hz as never, audio, windows, block), whole);
  });
  it('compare2016-1hz (the fixed jitter threshold), 44.1 kHz', async () => {
    const audio = cases[1][1];
    const whole = await compare2016_1Hz.extract(audio, { window: 1, hop: 0.5 }, context);
    for (const block of [997, 4096]) expectSame(await streamed(compare2016_1Hz as never, audio, { window: 1, hop: 0.5 }, block), whole);
  });
  it("the 'praat' voice quality does not stream (the core then extracts the whole signal)", async () => {
    expect(await compareLld.stream!({ sampleRate: SR, origin: 'x' }, { voiceQuality: 'praat' }, context)).toBeUndefined();
  });
});

describe('compare streaming holds what later frames read, not the signal', () => {
  it('90 s at 8 kHz in blocks of 4096: the buffers do not grow after the first 30 s', () => {
    const rate = 8000;
    let rows = 0;
    const stream = new ComparETrackStream(rate, { jitterThreshold: 'running-minimum', deltaNormaliser: 'opensmile' }, { trackRows: (_first, _rows, count) => (rows += count) });
    const block = new Float32Array(4096);
    let phase = 0;
    let n = 0;
    const capacities: { samples: number; rows: number }[] = [];
    for (let part = 0; part < 3; part++) {
      for (let k = 0; k < (30 * rate) / block.length; k++) {
        for (let i = 0; i < block.length; i++, n++) {
          const t = n / rate;
          phase += (2 * Math.PI * (150 + 40 * Math.sin(t))) / rate;
          block[i] = t % 3 < 2.2 ? 0.2 * Math.sin(phase) : 0;
        }
        stream.push(block);
      }
      capacities.push(stream.capacity);
    }
    stream.end();
    expect(rows).toBe(Math.floor((n - 480) / 80) + 2); // every row came out
    expect(capacities[2]).toEqual(capacities[0]);
    expect(capacities[2].samples).toBeLessThanOrEqual(3 * rate); // seconds of samples, not the 90 s
    expect(capacities[2].rows).toBeLessThanOrEqual(1024); // of 9000
    // one block of 30 s: its samples are held (the caller holds them too), its rows are smoothed as they come
    const once = new ComparETrackStream(rate, { jitterThreshold: 'running-minimum', deltaNormaliser: 'opensmile' }, { trackRows: () => {} });
    once.push(new Float32Array(30 * rate).map((_, i) => (i % 24000 < 17600 ? 0.2 * Math.sin(i / 9) : 0)));
    expect(once.capacity.rows).toBeLessThanOrEqual(1024); // of 3000
  });
});

const REAL = ['/usr/share/sounds/alsa/Front_Center.wav', '/usr/share/pocketsphinx/test/data/goforward.raw'].filter((f) => f.endsWith('.wav') && fs.existsSync(f));
const describeReal = REAL.length ? describe : describe.skip;
describeReal('compare streaming = whole signal on real recordings', () => {
  it.each(REAL)('%s: compare-lld and compare-1hz, blocks of 997 and 4096', async (file) => {
    const audio = await decodeAudioFile(file);
    const lld = await compareLld.extract(audio, {}, context);
    const summary = await compare1Hz.extract(audio, { window: 1, hop: 1 }, context);
    for (const block of [997, 4096]) {
      expectSame(await streamed(compareLld as never, audio, {}, block), lld);
      expectSame(await streamed(compare1Hz as never, audio, { window: 1, hop: 1 }, block), summary);
    }
  });
});
