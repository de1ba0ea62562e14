import type { AudioSignal } from '../data/audio';
import { BadInputError } from '../runtime/errors';

type Libsamplerate = typeof import('@alexanderolsen/libsamplerate-js');
// Loaded on first use (its module and wasm take tens of ms, which every process importing the core, and
// each `features --jobs` worker, would pay without resampling anything).
let libsamplerate: Libsamplerate | undefined;
const loadLibsamplerate = (): Libsamplerate => (libsamplerate ??= require('@alexanderolsen/libsamplerate-js') as Libsamplerate);

/** libsamplerate's band-limited sinc converters (best: 97 dB SNR, 97% bandwidth; medium: 97 dB, 90%; fastest: 97 dB, 80%). */
export type ResampleQuality = 'best' | 'medium' | 'fastest';

const CONVERTERS = {
  best: 'SRC_SINC_BEST_QUALITY',
  medium: 'SRC_SINC_MEDIUM_QUALITY',
  fastest: 'SRC_SINC_FASTEST',
} as const;

/** libsamplerate-js accepts rates of 1 to 192000 Hz. */
const MAX_RATE = 192000;

/**
 * The signal at `rate` Hz through libsamplerate's anti-aliased sinc converter (wasm): content above the new
 * Nyquist frequency is filtered out, not folded back. The output has round(n * rate / sampleRate) samples,
 * sample k at time k / rate (no delay). The same signal is returned when the rate already matches.
 */
export async function resample(signal: AudioSignal, rate: number, quality: ResampleQuality = 'medium'): Promise<AudioSignal> {
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE) {
    throw new BadInputError(`cannot resample to ${rate} Hz: the rate must be a whole number of 1 to ${MAX_RATE} Hz`, signal.origin);
  }
  if (signal.sampleRate === rate) return signal;
  if (!Number.isInteger(signal.sampleRate) || signal.sampleRate < 1 || signal.sampleRate > MAX_RATE) {
    throw new BadInputError(`cannot resample audio of ${signal.sampleRate} Hz (1 to ${MAX_RATE} Hz supported)`, signal.origin);
  }
  const ratio = rate / signal.sampleRate;
  const length = Math.round(signal.samples.length * ratio);
  // Trailing zeros let the filter's tail flush out, so every wanted output sample is produced.
  const tail = Math.ceil(256 / Math.min(1, ratio));
  const input = new Float32Array(signal.samples.length + tail);
  input.set(signal.samples);
  const { create, ConverterType } = loadLibsamplerate();
  const converter = await create(1, signal.sampleRate, rate, { converterType: ConverterType[CONVERTERS[quality]] });
  let output: Float32Array;
  try {
    output = converter.simple(input);
  } finally {
    converter.destroy();
  }
  const samples = new Float32Array(length);
  samples.set(output.subarray(0, Math.min(length, output.length)));
  return { samples, sampleRate: rate, origin: signal.origin };
}

/** A resampler fed block by block (long audio never held at its own rate): see createBlockResampler. */
export interface BlockResampler {
  push(block: Float32Array): void;
  /** Flushes the filter and returns the `round(frames * rate / sampleRate)` samples, as resample() gives. */
  finish(): Float32Array;
}

/** A resampler whose output is handed on as it is produced: see createStreamResampler. */
export interface StreamResampler {
  /** Converts the next input block; `emit` receives the output samples it completes (possibly none). */
  push(block: Float32Array): void;
  /**
   * Flushes the filter: the rest of the `round(frames * rate / sampleRate)` output samples go to `emit`.
   * `frames`, when given, replaces the count given at creation (audio whose length is known only at its
   * end, such as a streamed MP3: created with an upper bound, finished with the samples that came).
   */
  finish(frames?: number): void;
  /** Frees the converter without flushing (the read failed). */
  cancel(): void;
}

/**
 * The same conversion as resample() for a signal of `frames` samples that arrives in blocks: libsamplerate's
 * streaming ("full") API keeps the filter state between blocks, and each block's output goes to `emit` (a
 * view into the converter's memory: copy what you keep), cut at round(frames * rate / sampleRate) samples.
 */
export async function createStreamResampler(
  sampleRate: number,
  rate: number,
  frames: number,
  origin: string,
  emit: (samples: Float32Array) => void,
  quality: ResampleQuality = 'medium',
): Promise<StreamResampler> {
  for (const r of [rate, sampleRate]) {
    if (!Number.isInteger(r) || r < 1 || r > MAX_RATE) throw new BadInputError(`cannot resample between ${sampleRate} and ${rate} Hz (1 to ${MAX_RATE} Hz supported)`, origin);
  }
  const ratio = rate / sampleRate;
  let total = Math.round(frames * ratio);
  let emitted = 0;
  const take = (chunk: Float32Array) => {
    const n = Math.min(chunk.length, total - emitted);
    if (n <= 0) return;
    emitted += n;
    emit(chunk.subarray(0, n));
  };
  const { create, ConverterType } = loadLibsamplerate();
  const converter = await create(1, sampleRate, rate, { converterType: ConverterType[CONVERTERS[quality]] });
  return {
    push: (block) => take(converter.full(block)),
    finish(actual) {
      try {
        if (actual !== undefined) total = Math.max(emitted, Math.round(actual * ratio));
        // Zeros let the filter's tail flush out, as resample() pads its input.
        const tail = new Float32Array(Math.ceil(256 / Math.min(1, ratio)));
        for (let guard = 0; emitted < total && guard < 64; guard++) take(converter.full(tail));
        if (emitted < total) emit(new Float32Array(total - emitted)); // as createBlockResampler's zero-filled end
        emitted = total;
      } finally {
        converter.destroy();
      }
    },
    cancel: () => converter.destroy(),
  };
}

/** createStreamResampler with the output gathered into one array. */
export async function createBlockResampler(sampleRate: number, rate: number, frames: number, origin: string, quality: ResampleQuality = 'medium'): Promise<BlockResampler> {
  const out = new Float32Array(Math.round(frames * (rate / sampleRate)));
  let filled = 0;
  const stream = await createStreamResampler(
    sampleRate,
    rate,
    frames,
    origin,
    (chunk) => {
      out.set(chunk, filled);
      filled += chunk.length;
    },
    quality,
  );
  return {
    push: (block) => stream.push(block),
    finish() {
      stream.finish();
      return out;
    },
  };
}
