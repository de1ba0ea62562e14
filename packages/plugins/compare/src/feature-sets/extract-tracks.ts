import { BadInputError, joinRows, resample, type AudioSignal, type FeatureMatrix, type FeatureStream } from '@emotrans/core';
import { analyserFor } from '../lld/analyser-for';
import type { ComparELldAnalyser } from '../lld/compute-llds';
import { smoothAndDelta, type ComparETracks } from '../lld/smooth-and-delta';
import { voicingTracks } from '../voicing';
import type { ComparEOptions } from './compare-options';
import { ComparETrackStream, type TrackRowsSink } from '../lld/track-stream';

export { analyserFor };

/**
 * The 130 smoothed LLD + delta tracks of a signal, analysed at its own rate (or resampled to
 * `options.sampleRate` first), and the analyser that made them (its grid gives the row times).
 */
export async function extractComparETracks(audio: AudioSignal, options: ComparEOptions = {}): Promise<{ tracks: ComparETracks; analyser: ComparELldAnalyser; signal: AudioSignal }> {
  const signal = options.sampleRate ? await resample(audio, options.sampleRate) : audio;
  if (!(signal.sampleRate > 0)) throw new BadInputError(`sample rate ${signal.sampleRate} is not positive`, signal.origin);
  const analyser = analyserFor(signal.sampleRate);
  const voicing = { voiceQuality: options.voiceQuality, jitterThreshold: options.variant === 'ComParE_2016' ? ('fixed' as const) : ('running-minimum' as const) };
  const raw = analyser.analyse(signal.samples, (samples, rate, hop, frames) => voicingTracks(samples, rate, hop, frames, voicing));
  return { tracks: smoothAndDelta(raw, { deltaNormaliser: options.deltaNormaliser ?? 'opensmile' }), analyser, signal };
}

/**
 * The streaming form of extractComparETracks for audio at `sampleRate`: undefined for what only the whole
 * signal gives (the 'praat' voice quality, whose period search looks at whole voiced runs; audio at another
 * rate than a fixed `sampleRate`, which the core resamples before streaming).
 */
export function streamComparETracks(sampleRate: number, options: ComparEOptions, sink: TrackRowsSink): ComparETrackStream | undefined {
  if ((options.voiceQuality ?? 'opensmile') !== 'opensmile') return undefined;
  if (options.sampleRate && options.sampleRate !== sampleRate) return undefined;
  if (!(sampleRate > 0)) return undefined;
  const jitterThreshold = options.variant === 'ComParE_2016' ? ('fixed' as const) : ('running-minimum' as const);
  return new ComparETrackStream(sampleRate, { jitterThreshold, deltaNormaliser: options.deltaNormaliser ?? 'opensmile' }, sink);
}

/**
 * The feature rows of a set built on a track stream, gathered as the stream hands its tracks on (a subclass
 * turns them into rows with `gather`) until the push or end that completed them returns.
 */
export abstract class GatheredRows implements TrackRowsSink {
  private pending: FeatureMatrix[] = [];

  constructor(
    private readonly names: readonly string[],
    private frameRate: number,
  ) {}

  abstract trackRows(first: number, rows: Float32Array, count: number): void;

  /** What the set adds once the audio is over (after the stream's last tracks). */
  end(): void {}

  protected gather(rows: FeatureMatrix): void {
    this.pending.push(rows);
  }

  /** The rows gathered since the last call, as one matrix. */
  take(): FeatureMatrix {
    const rows = joinRows(this.pending, this.names, this.frameRate);
    this.pending = [];
    return rows;
  }
}

/**
 * Samples fed to a track stream at a time. The core hands on blocks of up to a megabyte, a whole short file:
 * fed whole, the frame loop runs once per file, in on-stack-replaced code that V8 keeps re-entering after
 * each deoptimisation; in pieces it is a call per piece, optimised and replaced as usual (2-3 % less CPU).
 */
const PUSH_SAMPLES = 1 << 13;

/** The FeatureStream of a set built on a track stream: each call feeds the tracks and returns the rows gathered. */
export function rowStream(tracks: ComparETrackStream, rows: GatheredRows): FeatureStream {
  return {
    push(samples) {
      for (let start = 0; start < samples.length; start += PUSH_SAMPLES) tracks.push(samples.subarray(start, start + PUSH_SAMPLES));
      return rows.take();
    },
    end() {
      tracks.end();
      rows.end();
      return rows.take();
    },
  };
}
