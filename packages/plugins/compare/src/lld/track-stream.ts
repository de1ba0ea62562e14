import { dsp } from '@emotrans/core';
import { COMPARE_FRAMING, ComparEFrameDescriptors, comparEGrid, type ComparEGrid } from './compute-llds';
import { analyserFor } from './analyser-for';
import { COMPARE_LLDS, LLD_OFFSET } from './lld-names';
import { SMOOTH_AND_DELTA_REACH, smoothAndDeltaRows, type SmoothAndDeltaOptions } from './smooth-and-delta';
import { initialDeltaNormaliser } from './segment-delta';
import { ComparEVoicingStream, type VoicingRow, type VoicingRowSink } from '../voicing/voicing-stream';
import type { PeriodThreshold } from '../voicing/opensmile-period-acceptance';

/** Rows handed on at a time while the audio goes on (the smoothing and deltas run per batch). */
const BATCH_ROWS = 128;

/**
 * Where the 130 smoothed tracks of a stream go: `count` rows from row `first`, row-major (130 per row; a new
 * array the sink may keep). An object with a method, not a callback, for the reason of VoicingRowSink.
 */
export interface TrackRowsSink {
  trackRows(first: number, rows: Float32Array, count: number): void;
}

export interface TrackStreamOptions extends SmoothAndDeltaOptions {
  readonly jitterThreshold: PeriodThreshold;
}

/**
 * The 130 ComParE tracks (extractComparETracks with voiceQuality 'opensmile') of audio that arrives in blocks,
 * handed to `sink.trackRows` batch by batch in order with exactly the values of the whole-signal analysis: every stage
 * runs frame by frame with its state carried (RASTA filter, spectral flux, Viterbi smoother, period analysis,
 * openSMILE's delta normaliser), the smoothing and deltas run on batches of rows with the three rows they
 * read on each side. Only what later frames still read is kept: the samples from the period analysis's
 * reading position (a few periods behind the newest frame) and the raw rows not yet smoothed.
 */
export class ComparETrackStream implements VoicingRowSink {
  readonly grid: ComparEGrid;
  private readonly descriptors: ComparEFrameDescriptors;
  private readonly voicing: ComparEVoicingStream;
  private readonly deltaState = initialDeltaNormaliser();
  // Samples base .. base + filled - 1 of the signal.
  private samples = new Float32Array(1 << 14);
  private base = 0;
  private filled = 0;
  // Raw LLD rows rawBase .. rawBase + rawRows - 1, frame-major (65 per row); spectral part first, voicing later.
  private raw = new Float32Array(COMPARE_LLDS.length * 1024);
  private rawBase = 0;
  private spectralRows = 0;
  private voicingRows = 0;
  private emitted = 0;
  private readonly row = new Float32Array(COMPARE_LLDS.length);
  private ended = false;

  constructor(
    sampleRate: number,
    private readonly options: TrackStreamOptions,
    private readonly sink: TrackRowsSink,
  ) {
    this.grid = comparEGrid(sampleRate);
    this.descriptors = new ComparEFrameDescriptors(analyserFor(sampleRate));
    this.voicing = new ComparEVoicingStream(sampleRate, COMPARE_FRAMING.hopSeconds, options.jitterThreshold, this);
  }

  /** The voicing stream's row for frame t (VoicingRowSink). */
  voicingRow(t: number, values: VoicingRow): void {
    const at = this.rawSlot(t);
    for (let k = 0; k < values.length; k++) this.raw[at + LLD_OFFSET.voicing + k] = finite(values[k]);
    this.voicingRows = t + 1;
  }

  /** Samples and raw rows the stream's buffers have room for (what it holds does not grow with the audio). */
  get capacity(): { samples: number; rows: number } {
    return { samples: this.samples.length, rows: this.raw.length / COMPARE_LLDS.length };
  }

  /** Samples seen so far. */
  get received(): number {
    return this.base + this.filled;
  }

  push(block: Float32Array): void {
    if (this.ended) throw new Error('ComparETrackStream: push after end');
    this.keepSamples(block.length);
    this.samples.set(block, this.filled);
    this.filled += block.length;
    const { hop, longLength } = this.grid;
    const view = this.samples.subarray(0, this.filled);
    // every frame whose 60 ms are whole: the 20 ms descriptors, the zero-crossing rate and the pitch candidates
    while (this.spectralRows * hop + longLength <= this.received) {
      const i = this.spectralRows;
      this.rawRow(i);
      this.descriptors.frame(view, i * hop - this.base, this.row, true);
      this.storeSpectral(i);
      this.voicing.pushFrame(view, this.base);
      // smoothed as the frames come, so even a long block never piles up raw rows
      const complete = Math.min(this.spectralRows, this.voicingRows);
      if (complete - this.emitted >= BATCH_ROWS + SMOOTH_AND_DELTA_REACH) this.smoothRows(complete - SMOOTH_AND_DELTA_REACH, complete, undefined);
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const total = this.received;
    const { hop, shortLength, longLength } = this.grid;
    const longFrames = dsp.frameCount(total, longLength, hop);
    const frames = longFrames > 0 ? longFrames + 1 : 0;
    if (frames === 0) return;
    const view = this.samples.subarray(0, this.filled);
    this.voicing.finish(view, this.base);
    // The rows after the last whole 60 ms frame (the last row and the look-ahead): 20 ms descriptors of their
    // own, the zero-crossing rate and the voicing LLDs of that last whole frame.
    const stride = Math.min(frames + 3, dsp.frameCount(total, shortLength, hop));
    const last = this.rawSlot(longFrames - 1);
    for (let i = longFrames; i < stride; i++) {
      this.rawRow(i);
      this.descriptors.frame(view, i * hop - this.base, this.row, false);
      this.row[LLD_OFFSET.energy + 3] = this.raw[last + LLD_OFFSET.energy + 3];
      this.storeSpectral(i);
      const at = this.rawSlot(i);
      this.raw.copyWithin(at + LLD_OFFSET.voicing, last + LLD_OFFSET.voicing, last + LLD_OFFSET.voicing + LLD_OFFSET.energy);
    }
    this.smoothRows(frames, stride, { frames, stride });
  }

  /** Makes room for `incoming` more samples, dropping those no frame reads any more. */
  private keepSamples(incoming: number): void {
    const keepFrom = Math.min(this.spectralRows * this.grid.hop, this.voicing.earliestSample);
    const drop = Math.max(0, Math.min(keepFrom - this.base, this.filled));
    if (this.filled + incoming <= this.samples.length && drop < this.samples.length / 2) return;
    const kept = this.filled - drop;
    const target = this.samples.length >= kept + incoming ? this.samples : new Float32Array(Math.max(2 * this.samples.length, 2 * (kept + incoming)));
    if (target === this.samples) target.copyWithin(0, drop, this.filled);
    else target.set(this.samples.subarray(drop, this.filled));
    this.samples = target;
    this.base += drop;
    this.filled = kept;
  }

  private rawSlot(i: number): number {
    return (i - this.rawBase) * COMPARE_LLDS.length;
  }

  /** Makes sure raw row i has a place (rows are added one at a time, in order). */
  private rawRow(i: number): void {
    const need = (i - this.rawBase + 1) * COMPARE_LLDS.length;
    if (need <= this.raw.length) return;
    const grown = new Float32Array(Math.max(2 * this.raw.length, need));
    grown.set(this.raw);
    this.raw = grown;
  }

  /** The non-voicing LLDs of row i from `this.row`; no NaN or infinity leaves the analyser. */
  private storeSpectral(i: number): void {
    const at = this.rawSlot(i);
    for (let j = LLD_OFFSET.energy; j < COMPARE_LLDS.length; j++) this.raw[at + j] = finite(this.row[j]);
    this.spectralRows = i + 1;
  }

  /**
   * Smooths rows emitted .. to - 1 from the raw rows up to `available` (or to the end of the look-ahead) and
   * hands them on; the raw rows no later batch reads are dropped.
   */
  private smoothRows(to: number, available: number, end: { frames: number; stride: number } | undefined): void {
    const from = this.emitted;
    if (to <= from) return;
    const count = COMPARE_LLDS.length;
    const origin = Math.max(this.rawBase, from - SMOOTH_AND_DELTA_REACH);
    const length = available - origin;
    const batch = new Float32Array(count * length);
    for (let k = 0; k < length; k++) {
      const at = this.rawSlot(origin + k);
      for (let j = 0; j < count; j++) batch[j * length + k] = this.raw[at + j];
    }
    const out = new Float32Array(2 * count * (to - from));
    smoothAndDeltaRows({ origin, length, data: batch }, from, to, end, this.options, this.deltaState, out);
    this.emitted = to;
    this.sink.trackRows(from, out, to - from);
    // keep the rows the next batch reads before its first row
    const keepFrom = Math.max(this.rawBase, to - SMOOTH_AND_DELTA_REACH);
    const drop = keepFrom - this.rawBase;
    if (drop > 0) {
      this.raw.copyWithin(0, drop * count, (this.spectralRows - this.rawBase) * count);
      this.rawBase = keepFrom;
    }
  }
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
