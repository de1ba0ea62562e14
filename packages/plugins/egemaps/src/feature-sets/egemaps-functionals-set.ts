import { assertSummaryWindow, BadInputError, createFeatureMatrix, durationSeconds, SUMMARY_WINDOW_OPTIONS, type FeatureSet, type SummaryWindowOptions } from '@emotrans/core';
import { egemapsFunctionals, functionalContours } from '../functionals/egemaps-functionals';
import { EGEMAPS_FUNCTIONAL_NAMES } from '../functionals/functional-names';
import { functionalWindows } from '../functionals/functional-windows';
import { EGEMAPS_OPTION_PROPERTIES, extractLldsForSet, type EgemapsOptions } from './extract';

/**
 * `egemaps`: the 88 eGeMAPS v02 functionals of the whole file, one row (described at the middle of the file),
 * as SMILExtract's eGeMAPSv02.conf computes them (each functional over its openSMILE level's frames). One row
 * per file has no fixed rate: describe() says 0, the matrix carries 1 / duration.
 */
export const egemaps: FeatureSet<EgemapsOptions> = {
  manifest: {
    id: 'egemaps',
    kind: 'features',
    description: 'eGeMAPS v02 (Eyben et al. 2016): the 88 functionals of the whole file, one row per file',
    version: '2',
    options: { type: 'object', additionalProperties: false, properties: EGEMAPS_OPTION_PROPERTIES },
  },
  describe(options) {
    return { names: EGEMAPS_FUNCTIONAL_NAMES, frameRate: 0, sampleRate: options?.sampleRate };
  },
  async extract(audio, options) {
    const raw = await extractLldsForSet(audio, options);
    // functionals of no frames would be a row of made-up zeros
    if (raw.longFrames < 2) throw new BadInputError(`too short for eGeMAPS functionals: ${audio.samples.length} samples, at least 70 ms needed`, audio.origin);
    const contours = functionalContours(raw);
    const data = new Float32Array(EGEMAPS_FUNCTIONAL_NAMES.length);
    egemapsFunctionals(contours, { start: 0, end: Infinity }, data);
    const duration = durationSeconds(audio);
    return createFeatureMatrix(EGEMAPS_FUNCTIONAL_NAMES, duration > 0 ? 1 / duration : 0, Float64Array.of(duration / 2), data);
  },
};

export interface Egemaps1HzOptions extends SummaryWindowOptions, EgemapsOptions {}

/**
 * `egemaps-1hz`: the 88 functionals per window of `window` seconds every `hop` seconds (default 1 s / 1 s),
 * as SMILExtract's eGeMAPSv02.conf computes them with its functionals in fixed frame mode of that size and
 * step (-frameModeFunctionalsConf with frameMode = fixed): the contours are smoothed over the whole file and
 * window w summarises frames [w H, w H + W) of each, W and H the window and hop in frames; only windows that
 * every contour fills count. Row w is described at the window centre.
 */
export const egemaps1Hz: FeatureSet<Egemaps1HzOptions> = {
  manifest: {
    id: 'egemaps-1hz',
    kind: 'features',
    description: 'eGeMAPS v02: the 88 functionals per window (1 s every 1 s by default)',
    version: '2',
    options: { type: 'object', additionalProperties: false, properties: { ...SUMMARY_WINDOW_OPTIONS, ...EGEMAPS_OPTION_PROPERTIES } },
  },
  describe(options) {
    return { names: EGEMAPS_FUNCTIONAL_NAMES, frameRate: 1 / options.hop, sampleRate: options.sampleRate };
  },
  async extract(audio, options) {
    assertSummaryWindow('egemaps-1hz', options, audio.origin);
    const contours = functionalContours(await extractLldsForSet(audio, options));
    const windows = functionalWindows(contours, options.window, options.hop);
    const cols = EGEMAPS_FUNCTIONAL_NAMES.length;
    const data = new Float32Array(windows.count * cols);
    for (let w = 0; w < windows.count; w++) egemapsFunctionals(contours, { start: windows.start[w], end: windows.end[w] }, data, w * cols);
    return createFeatureMatrix(EGEMAPS_FUNCTIONAL_NAMES, 1 / options.hop, windows.times, data);
  },
};
