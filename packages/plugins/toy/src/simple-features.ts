import { createFeatureMatrix, type FeatureSet } from '@emotrans/core';

export interface SimpleFeatureOptions {
  /** Analysis frame length and hop, seconds. */
  frame: number;
  hop: number;
  /** Summary window length (and hop), seconds. */
  window: number;
}

const LLD_NAMES = ['rms_db', 'zcr'] as const;

/**
 * Two frame-level descriptors — RMS level in dB and zero-crossing rate (crossings per sample) — summarised
 * by mean and standard deviation over consecutive windows. Window k covers [k w, (k+1) w) and is
 * described at its centre; a trailing partial window is dropped, so there are floor(duration / w) rows.
 */
export const simpleFeatures: FeatureSet<SimpleFeatureOptions> = {
  manifest: {
    id: 'simple',
    kind: 'features',
    description: 'RMS level and zero-crossing rate, mean and std per window (walking skeleton)',
    version: '1',
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        frame: { type: 'number', exclusiveMinimum: 0, default: 0.025 },
        hop: { type: 'number', exclusiveMinimum: 0, default: 0.01 },
        window: { type: 'number', exclusiveMinimum: 0, default: 1 },
      },
    },
  },
  describe(options) {
    return { names: LLD_NAMES.flatMap((n) => [`${n}_mean`, `${n}_std`]), frameRate: 1 / options.window };
  },
  async extract(audio, options) {
    const { samples, sampleRate } = audio;
    const layout = simpleLayout(options, sampleRate);
    const windows = Math.floor(samples.length / layout.windowLength);
    const names = this.describe(options).names;
    const data = new Float32Array(windows * names.length);
    const times = new Float64Array(windows);
    for (let w = 0; w < windows; w++) {
      windowRow(samples, w * layout.windowLength, layout, data, w * names.length);
      times[w] = (w + 0.5) * options.window;
    }
    return createFeatureMatrix(names, 1 / options.window, times, data);
  },
  stream(audio, options) {
    // Windows do not overlap: the samples of the window being filled are all that is kept.
    const layout = simpleLayout(options, audio.sampleRate);
    if (layout.windowLength < 1) return undefined; // extract names the problem
    const names = this.describe(options).names;
    const pending = new Float32Array(layout.windowLength);
    let filled = 0;
    let next = 0;
    return {
      push(block) {
        const rows: number[] = [];
        const data: number[] = [];
        const row = new Float32Array(names.length);
        for (let at = 0; at < block.length; ) {
          const n = Math.min(block.length - at, pending.length - filled);
          pending.set(block.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled < pending.length) break;
          windowRow(pending, 0, layout, row, 0);
          data.push(...row);
          rows.push((next++ + 0.5) * options.window);
          filled = 0;
        }
        return createFeatureMatrix(names, 1 / options.window, Float64Array.from(rows), Float32Array.from(data));
      },
      end: () => undefined, // a trailing partial window is dropped
    };
  },
};

/** Frame, hop and window lengths in samples. */
interface SimpleLayout {
  readonly frameLength: number;
  readonly hop: number;
  readonly windowLength: number;
}

function simpleLayout(options: SimpleFeatureOptions, sampleRate: number): SimpleLayout {
  // At least 2 samples per frame and 1 per hop: a hop that rounds to 0 samples would never advance.
  return {
    frameLength: Math.max(2, Math.round(options.frame * sampleRate)),
    hop: Math.max(1, Math.round(options.hop * sampleRate)),
    windowLength: Math.round(options.window * sampleRate),
  };
}

/** The four values of the window of samples [start, start + windowLength), into out from `at`. */
function windowRow(samples: Float32Array, start: number, layout: SimpleLayout, out: Float32Array, at: number): void {
  const { frameLength, hop, windowLength } = layout;
  const sums = new Float64Array(LLD_NAMES.length);
  const squares = new Float64Array(LLD_NAMES.length);
  let frames = 0;
  for (let f = start; f + frameLength <= start + windowLength; f += hop) {
    let energy = 0;
    let crossings = 0;
    for (let i = f; i < f + frameLength; i++) {
      energy += samples[i] * samples[i];
      if (i > f && samples[i] >= 0 !== samples[i - 1] >= 0) crossings++;
    }
    // -100 dB floor keeps silence finite.
    const values = [10 * Math.log10(energy / frameLength + 1e-10), crossings / (frameLength - 1)];
    for (let k = 0; k < values.length; k++) {
      sums[k] += values[k];
      squares[k] += values[k] * values[k];
    }
    frames++;
  }
  for (let k = 0; k < LLD_NAMES.length; k++) {
    const mean = sums[k] / frames;
    out[at + 2 * k] = mean;
    out[at + 2 * k + 1] = Math.sqrt(Math.max(0, squares[k] / frames - mean * mean));
  }
}
