import { createFeatureMatrix, type FeatureSet } from '@emotrans/core';
import { COMPARE_FRAMING } from '../lld/compute-llds';
import { COMPARE_TRACK_NAMES } from '../lld/lld-names';
import { COMPARE_SAMPLE_RATE } from './compare-sample-rate';
import { extractComparETracks } from './extract-tracks';
import { VOICE_QUALITY_OPTION, type VoiceQualityOption } from './voice-quality-option';

export type ComparELldOptions = VoiceQualityOption;

/**
 * The 65 ComParE 2013 LLDs (smoothed, `_sma`) and their deltas (`_sma_de`): 130 columns, one row per
 * 10 ms frame. Row i is the frame starting at i x 10 ms and is described at the centre of its 20 ms
 * window, i x 10 ms + 10 ms.
 */
export const compareLld: FeatureSet<ComparELldOptions> = {
  manifest: {
    id: 'compare-lld',
    kind: 'features',
    description: 'ComParE 2013 low-level descriptors: 65 LLDs + deltas every 10 ms (openSMILE names)',
    version: '3',
    options: { type: 'object', additionalProperties: false, properties: { voiceQuality: VOICE_QUALITY_OPTION } },
  },
  describe() {
    return { names: COMPARE_TRACK_NAMES, frameRate: 1 / COMPARE_FRAMING.hopSeconds, sampleRate: COMPARE_SAMPLE_RATE };
  },
  async extract(audio, options) {
    const { tracks } = await extractComparETracks(audio, { voiceQuality: options?.voiceQuality });
    const { frames } = tracks;
    const cols = COMPARE_TRACK_NAMES.length;
    const data = new Float32Array(frames * cols);
    for (let j = 0; j < cols; j++) {
      const offset = j * frames;
      for (let i = 0; i < frames; i++) data[i * cols + j] = tracks.data[offset + i];
    }
    const hop = COMPARE_FRAMING.hopSeconds;
    const times = Float64Array.from({ length: frames }, (_, i) => i * hop + COMPARE_FRAMING.shortFrameSeconds / 2);
    return createFeatureMatrix(COMPARE_TRACK_NAMES, 1 / hop, times, data);
  },
};
