import { assertSummaryWindow, createFeatureMatrix, dsp, durationSeconds, SUMMARY_WINDOW_OPTIONS, type FeatureSet, type SummaryWindowOptions } from '@emotrans/core';
import { COMPARE_FRAMING } from '../lld/compute-llds';
import { COMPARE_FUNCTIONAL_NAMES, COMPARE_TRACK_NAMES } from '../lld/lld-names';
import { COMPARE_SAMPLE_RATE } from './compare-sample-rate';
import { extractComparETracks } from './extract-tracks';
import { VOICE_QUALITY_OPTION, type VoiceQualityOption } from './voice-quality-option';

export interface Compare1HzOptions extends SummaryWindowOptions, VoiceQualityOption {}

/**
 * The paper's 260 features: the arithmetic mean (`_amean`) and standard deviation (`_stddev`) of the 130
 * ComParE LLD + delta tracks over windows of `window` seconds every `hop` seconds.
 *
 * Edge rule (dsp.frameWindows): window w covers [w hop, w hop + window) seconds and summarises the 10 ms
 * frames that start inside it; only whole windows count, floor((duration - window) / hop) + 1 of them,
 * i.e. floor(duration) for 1 s / 1 s. Row w is described at the window centre, w hop + window / 2.
 */
export const compare1Hz: FeatureSet<Compare1HzOptions> = {
  manifest: {
    id: 'compare-1hz',
    kind: 'features',
    description: "The paper's 260 features: mean and std of the 130 ComParE LLD + delta tracks per window (1 s)",
    version: '3',
    default: true,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...SUMMARY_WINDOW_OPTIONS,
        voiceQuality: VOICE_QUALITY_OPTION,
      },
    },
  },
  describe(options) {
    return { names: COMPARE_FUNCTIONAL_NAMES, frameRate: 1 / options.hop, sampleRate: COMPARE_SAMPLE_RATE };
  },
  async extract(audio, options) {
    assertSummaryWindow('compare-1hz', options, audio.origin);
    const { tracks, signal } = await extractComparETracks(audio, { voiceQuality: options.voiceQuality });
    const windows = dsp.frameWindows(durationSeconds(signal), 1 / COMPARE_FRAMING.hopSeconds, tracks.frames, options.window, options.hop);
    const cols = COMPARE_FUNCTIONAL_NAMES.length;
    const data = new Float32Array(windows.count * cols);
    for (let j = 0; j < COMPARE_TRACK_NAMES.length; j++) {
      const track = tracks.data.subarray(j * tracks.frames, (j + 1) * tracks.frames);
      dsp.windowMeanStd(track, windows, data, data, cols, 2 * j, 2 * j + 1);
    }
    return createFeatureMatrix(COMPARE_FUNCTIONAL_NAMES, 1 / options.hop, windows.times, data);
  },
};
