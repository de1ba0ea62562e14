import { createFeatureMatrix, type FeatureSet } from '@emotrans/core';
import { EGEMAPS_FRAMING, hopSamples } from '../lld/compute-llds';
import { EGEMAPS_LLD_NAMES } from '../lld/lld-names';
import { smoothEgemapsLlds } from '../lld/smooth-llds';
import { EGEMAPS_OPTION_PROPERTIES, extractLldsForSet, type EgemapsOptions } from './extract';

/**
 * The 25 eGeMAPS v02 LLDs, smoothed over 3 frames (`_sma3`, `_sma3nz`), one row per 10 ms at the audio's
 * own sample rate. Rows as SMILExtract's eGeMAPSv02.conf writes them: one per whole 60 ms frame plus one;
 * row i is the frame starting at sample i x round(0.01 rate) (10 ms unless that is a fractional number of
 * samples: 221 samples at 22.05 kHz), described at the centre of its 20 ms window.
 */
export const egemapsLld: FeatureSet<EgemapsOptions> = {
  manifest: {
    id: 'egemaps-lld',
    kind: 'features',
    description: 'eGeMAPS v02 low-level descriptors (Eyben et al. 2016): 25 LLDs every 10 ms (openSMILE names)',
    version: '2',
    options: { type: 'object', additionalProperties: false, properties: EGEMAPS_OPTION_PROPERTIES },
  },
  describe(options) {
    const rate = options?.sampleRate;
    // the exact frame rate is rate / round(10 ms x rate); without a fixed rate it is known per file only
    return { names: EGEMAPS_LLD_NAMES, frameRate: rate ? rate / hopSamples(rate) : 1 / EGEMAPS_FRAMING.hopSeconds, sampleRate: rate };
  },
  async extract(audio, options) {
    const raw = await extractLldsForSet(audio, options);
    const tracks = smoothEgemapsLlds(raw);
    const { frames } = tracks;
    const cols = EGEMAPS_LLD_NAMES.length;
    const data = new Float32Array(frames * cols);
    for (let j = 0; j < cols; j++) for (let i = 0; i < frames; i++) data[i * cols + j] = tracks.data[j * frames + i];
    const period = raw.periodSeconds;
    const times = Float64Array.from({ length: frames }, (_, i) => i * period + EGEMAPS_FRAMING.shortFrameSeconds / 2);
    return createFeatureMatrix(EGEMAPS_LLD_NAMES, 1 / period, times, data);
  },
};
