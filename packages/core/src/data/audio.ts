/** Mono audio samples in [-1, 1] at a known rate. */
export interface AudioSignal {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  /** Where the audio came from, for error messages (a file path or a generator id). */
  readonly origin: string;
}

/** Where a sequence's audio lives: a file to decode, or samples generated in memory. */
export type AudioRef =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'memory'; readonly signal: AudioSignal; /** Stable content key for caches. */ readonly key: string };

export function durationSeconds(signal: AudioSignal): number {
  return signal.samples.length / signal.sampleRate;
}
