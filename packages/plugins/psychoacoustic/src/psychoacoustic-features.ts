import { assertSummaryWindow, BadInputError, createFeatureMatrix, dsp, durationSeconds, SUMMARY_WINDOW_OPTIONS, type FeatureSet, type SummaryWindowOptions } from '@emotrans/core';
import { voicingTracks } from '@emotrans/plugin-compare';
import { FRAME_DESCRIPTORS, PSYCHOACOUSTIC_NAMES } from './feature-names';
import { pitchContour } from './prosody/pitch-contour';
import { syllableNuclei } from './prosody/syllable-nuclei';
import { pickOnsets } from './rhythm/onsets';
import { estimateTempo } from './rhythm/tempo';
import { roughnessTrack } from './spectral/roughness';
import { spectralTracks } from './spectral/frame-spectral-features';

export interface PsychoacousticOptions extends SummaryWindowOptions {
  /** Rate the audio is resampled to before analysis, Hz. */
  sampleRate: number;
  /** Shortest stretch of onset strength the tempo is estimated from (centred on the window), seconds. */
  tempoContext: number;
}

/** Frame hop of the short-frame tracks (loudness, sharpness, centroid, flux, onsets, level, F0), seconds. */
const FRAME_HOP = 0.01;

/**
 * The interpretable descriptors of Coutinho's earlier music-emotion work, per window: loudness,
 * sharpness, spectral centroid and flux, roughness (mean and std of frame values), event density and tempo
 * (music; spectral-flux onsets), speech rate (speech; syllable nuclei of the intensity envelope), pitch
 * level and contour slope (SHS F0 from the ComParE voicing module) and voiced fraction.
 *
 * Windows follow compare-1hz (dsp.frameWindows): window w covers [w hop, w hop + window) seconds and holds
 * the frames that start inside it, floor((duration - window) / hop) + 1 windows, each described at its
 * centre.
 */
export const psychoacousticFeatures: FeatureSet<PsychoacousticOptions> = {
  manifest: {
    id: 'psychoacoustic',
    kind: 'features',
    description: 'Loudness, sharpness, roughness, spectral centroid/flux, event density/tempo, speech rate, pitch level/slope per window',
    version: '2',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...SUMMARY_WINDOW_OPTIONS,
        sampleRate: { type: 'integer', minimum: 8000, maximum: 96000, default: 22050 },
        tempoContext: { type: 'number', minimum: 0, default: 4 },
      },
    },
  },
  describe(options) {
    return { names: PSYCHOACOUSTIC_NAMES, frameRate: 1 / options.hop, sampleRate: options.sampleRate };
  },
  async extract(audio, options) {
    assertSummaryWindow('psychoacoustic', options, audio.origin);
    if (!(audio.sampleRate > 0)) throw new BadInputError(`psychoacoustic: sample rate ${audio.sampleRate} is not positive`, audio.origin);
    return computePsychoacoustic(audio.samples, audio.sampleRate, options);
  },
};

/** The feature matrix for samples at any rate (the FeatureSet's work, callable directly). */
export function computePsychoacoustic(samples: Float32Array, sampleRate: number, options: Pick<PsychoacousticOptions, 'window' | 'hop'> & Partial<PsychoacousticOptions>) {
  const duration = durationSeconds({ samples, sampleRate, origin: '' });
  const hopSamples = Math.round(FRAME_HOP * sampleRate);
  const frames = samples.length === 0 ? 0 : Math.floor((samples.length - 1) / hopSamples) + 1;
  const frameRate = 1 / FRAME_HOP;
  const spectral = spectralTracks(samples, sampleRate, FRAME_HOP, frames);
  const rough = roughnessTrack(samples, sampleRate);
  const pitch = voicingTracks(samples, sampleRate, FRAME_HOP, frames);
  const voiced = new Uint8Array(frames);
  for (let t = 0; t < frames; t++) voiced[t] = pitch.f0[t] > 0 ? 1 : 0;
  const audible = new Uint8Array(frames);
  for (let t = 0; t < frames; t++) audible[t] = spectral.levelDb[t] > -60 ? 1 : 0;
  const onsets = pickOnsets(spectral.onsetStrength, frameRate, audible);
  const nuclei = syllableNuclei(spectral.levelDb, voiced, frameRate);

  const windows = dsp.frameWindows(duration, frameRate, frames, options.window, options.hop);
  const roughWindows = dsp.frameWindows(duration, rough.frameRate, rough.frames, options.window, options.hop);
  const cols = PSYCHOACOUSTIC_NAMES.length;
  const data = new Float32Array(windows.count * cols);
  const frameTracks: Record<(typeof FRAME_DESCRIPTORS)[number], Float32Array> = {
    loudness: spectral.loudness,
    sharpness: spectral.sharpness,
    spectral_centroid: spectral.centroid,
    spectral_flux: spectral.flux,
    roughness: rough.values,
  };
  FRAME_DESCRIPTORS.forEach((name, j) => {
    dsp.windowMeanStd(frameTracks[name], name === 'roughness' ? roughWindows : windows, data, data, cols, 2 * j, 2 * j + 1);
  });
  const base = 2 * FRAME_DESCRIPTORS.length;
  const context = Math.max(options.window, options.tempoContext ?? 4);
  for (let w = 0; w < windows.count; w++) {
    const start = windows.start[w];
    const end = windows.end[w];
    let onsetCount = 0;
    let nucleusCount = 0;
    for (let t = start; t < end; t++) {
      onsetCount += onsets[t];
      nucleusCount += nuclei[t];
    }
    const centreFrame = windows.times[w] * frameRate;
    const from = Math.max(0, Math.round(centreFrame - (context * frameRate) / 2));
    const to = Math.min(frames, Math.round(centreFrame + (context * frameRate) / 2));
    // Tempo only where there is something to count: at least two onsets in the context.
    let contextOnsets = 0;
    for (let t = from; t < to; t++) contextOnsets += onsets[t];
    const tempo = contextOnsets >= 2 ? estimateTempo(spectral.onsetStrength, frameRate, from, to) : 0;
    const contour = pitchContour(pitch.f0, frameRate, start, end);
    const row = w * cols + base;
    data[row] = onsetCount / options.window;
    data[row + 1] = tempo;
    data[row + 2] = nucleusCount / options.window;
    data[row + 3] = contour.level;
    data[row + 4] = contour.slope;
    data[row + 5] = contour.voicedFraction;
  }
  return createFeatureMatrix(PSYCHOACOUSTIC_NAMES, 1 / options.hop, windows.times, data);
}
