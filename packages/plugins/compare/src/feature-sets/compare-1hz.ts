import { assertSummaryWindow, createFeatureMatrix, dsp, durationSeconds, SUMMARY_WINDOW_OPTIONS, type FeatureSet, type SummaryWindowOptions } from '@emotrans/core';
import { comparEGrid } from '../lld/compute-llds';
import type { ComparETrackStream } from '../lld/track-stream';
import { COMPARE_FUNCTIONAL_NAMES, COMPARE_TRACK_NAMES } from '../lld/lld-names';
import { comparEOptionProperties, type ComparEOptions, type ComparEVariant } from './compare-options';
import { extractComparETracks, GatheredRows, rowStream, streamComparETracks } from './extract-tracks';

export interface Compare1HzOptions extends SummaryWindowOptions, ComparEOptions {}

/** The windows' means and deviations as the tracks come: only the frames of windows still open are kept, never the whole LLD matrix. */
class WindowRows extends GatheredRows {
  /** The stream feeding these windows (set once it exists): its samples so far bound the windows that are complete. */
  tracks: ComparETrackStream | undefined;
  private readonly windows: dsp.WindowMeanStdStream;
  private frames = 0;

  constructor(
    private readonly sampleRate: number,
    private readonly options: SummaryWindowOptions,
  ) {
    super(COMPARE_FUNCTIONAL_NAMES, 1 / options.hop);
    this.windows = new dsp.WindowMeanStdStream(COMPARE_TRACK_NAMES.length, 1 / comparEGrid(sampleRate).period, options.window, options.hop);
  }

  trackRows(_first: number, rows: Float32Array, count: number): void {
    this.frames += count;
    this.summaries(this.windows.push(rows, count, this.tracks!.received / this.sampleRate));
  }

  override end(): void {
    this.summaries(this.windows.end(this.tracks!.received / this.sampleRate, this.frames));
  }

  private summaries(s: dsp.WindowSummaries): void {
    this.gather(createFeatureMatrix(COMPARE_FUNCTIONAL_NAMES, 1 / this.options.hop, s.times, s.data));
  }
}

/**
 * The paper's 260 features: the arithmetic mean (`_amean`) and standard deviation (`_stddev`) of the 130
 * ComParE LLD + delta tracks over windows of `window` seconds every `hop` seconds.
 *
 * Edge rule (dsp.frameWindows): window w covers [w hop, w hop + window) seconds and summarises the frames
 * that start inside it (frame i starts at i x hop samples of the analysis rate, so at 22.05 kHz a 1 s window
 * holds 99 or 100 frames of 221 samples); only whole windows count, floor((duration - window) / hop) + 1 of
 * them, i.e. floor(duration) for 1 s / 1 s. Row w is described at the window centre, w hop + window / 2.
 * `isDefault` marks the features a spec gets when it names none (the paper's set).
 */
function compare1HzSet(id: string, description: string, variant?: ComparEVariant, isDefault = false): FeatureSet<Compare1HzOptions> {
  return {
    manifest: {
      id,
      kind: 'features',
      description,
      version: '4',
      ...(isDefault ? { default: true } : {}),
      options: {
        type: 'object',
        additionalProperties: false,
        properties: { ...SUMMARY_WINDOW_OPTIONS, ...comparEOptionProperties(variant) },
      },
    },
    describe(options) {
      return { names: COMPARE_FUNCTIONAL_NAMES, frameRate: 1 / options.hop, sampleRate: options.sampleRate };
    },
    async extract(audio, options) {
      assertSummaryWindow(id, options, audio.origin);
      const { tracks, signal, analyser } = await extractComparETracks(audio, { ...options, ...(variant ? { variant } : {}) });
      const windows = dsp.frameWindows(durationSeconds(signal), 1 / analyser.grid.period, tracks.frames, options.window, options.hop);
      const cols = COMPARE_FUNCTIONAL_NAMES.length;
      const data = new Float32Array(windows.count * cols);
      for (let j = 0; j < COMPARE_TRACK_NAMES.length; j++) {
        const track = tracks.data.subarray(j * tracks.frames, (j + 1) * tracks.frames);
        dsp.windowMeanStd(track, windows, data, data, cols, 2 * j, 2 * j + 1);
      }
      return createFeatureMatrix(COMPARE_FUNCTIONAL_NAMES, 1 / options.hop, windows.times, data);
    },
    stream(audio, options) {
      assertSummaryWindow(id, options, audio.origin);
      if (!(audio.sampleRate > 0)) return undefined;
      const rows = new WindowRows(audio.sampleRate, options);
      const tracks = streamComparETracks(audio.sampleRate, { ...options, ...(variant ? { variant } : {}) }, rows);
      if (!tracks) return undefined;
      rows.tracks = tracks;
      return rowStream(tracks, rows);
    },
  };
}

export const compare1Hz = compare1HzSet('compare-1hz', "The paper's 260 features: mean and std of the 130 ComParE LLD + delta tracks per window (1 s)", undefined, true);
export const compare2016_1Hz = compare1HzSet('compare2016-1hz', "ComParE_2016 260 features: compare-1hz with variant 'ComParE_2016'", 'ComParE_2016');
