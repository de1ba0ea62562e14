import { createFeatureMatrix, type FeatureSet } from '@emotrans/core';
import { COMPARE_FRAMING, comparEGrid, comparERowTime, type ComparEGrid } from '../lld/compute-llds';
import { COMPARE_TRACK_NAMES } from '../lld/lld-names';
import { comparEOptionProperties, type ComparEOptions, type ComparEVariant } from './compare-options';
import { extractComparETracks, GatheredRows, rowStream, streamComparETracks } from './extract-tracks';

export type ComparELldOptions = ComparEOptions;

/** The tracks as they come, as rows at their frame times. */
class LldRows extends GatheredRows {
  constructor(private readonly grid: ComparEGrid) {
    super(COMPARE_TRACK_NAMES, 1 / grid.period);
  }

  trackRows(first: number, rows: Float32Array, count: number): void {
    const times = new Float64Array(count);
    for (let i = 0; i < count; i++) times[i] = comparERowTime(this.grid, first + i);
    this.gather(createFeatureMatrix(COMPARE_TRACK_NAMES, 1 / this.grid.period, times, rows.subarray(0, count * COMPARE_TRACK_NAMES.length)));
  }
}

/**
 * The 65 ComParE LLDs (smoothed, `_sma`) and their deltas (`_sma_de`): 130 columns, one row per frame.
 * Frames are openSMILE's: every round(10 ms x rate) samples at the audio's own rate; row i is the frame
 * starting at sample i x hop and is described at the centre of its 20 ms window. `variant` fixes the
 * openSMILE configuration for the set ids named after one (compare2016-lld).
 */
function comparELldSet(id: string, description: string, variant?: ComparEVariant): FeatureSet<ComparELldOptions> {
  return {
    manifest: {
      id,
      kind: 'features',
      description,
      version: '4',
      options: { type: 'object', additionalProperties: false, properties: comparEOptionProperties(variant) },
    },
    describe(options) {
      const rate = options?.sampleRate;
      // The exact frame rate is rate / round(10 ms x rate); without a fixed rate it is known per file only.
      return { names: COMPARE_TRACK_NAMES, frameRate: rate ? rate / Math.round(COMPARE_FRAMING.hopSeconds * rate) : 1 / COMPARE_FRAMING.hopSeconds, sampleRate: rate };
    },
    async extract(audio, options) {
      const { tracks, analyser } = await extractComparETracks(audio, { ...options, ...(variant ? { variant } : {}) });
      const { frames } = tracks;
      const cols = COMPARE_TRACK_NAMES.length;
      const data = new Float32Array(frames * cols);
      for (let j = 0; j < cols; j++) {
        const offset = j * frames;
        for (let i = 0; i < frames; i++) data[i * cols + j] = tracks.data[offset + i];
      }
      const times = Float64Array.from({ length: frames }, (_, i) => comparERowTime(analyser.grid, i));
      return createFeatureMatrix(COMPARE_TRACK_NAMES, 1 / analyser.grid.period, times, data);
    },
    stream(audio, options) {
      if (!(audio.sampleRate > 0)) return undefined;
      const rows = new LldRows(comparEGrid(audio.sampleRate));
      const tracks = streamComparETracks(audio.sampleRate, { ...options, ...(variant ? { variant } : {}) }, rows);
      return tracks && rowStream(tracks, rows);
    },
  };
}

export const compareLld = comparELldSet('compare-lld', 'ComParE low-level descriptors (IS13_ComParE or ComParE_2016): 65 LLDs + deltas every 10 ms (openSMILE names)');
export const compare2016Lld = comparELldSet('compare2016-lld', "ComParE_2016 low-level descriptors: compare-lld with variant 'ComParE_2016'", 'ComParE_2016');
