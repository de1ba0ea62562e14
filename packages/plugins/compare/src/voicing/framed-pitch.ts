/**
 * What a waveform period analysis (jitter, shimmer, HNR) reads: the signal, the pitch analysis's frame grid
 * and its F0 per frame.
 */
export interface FramedPitch {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  /** Sample index where each frame starts. */
  readonly frameStarts: Int32Array;
  /** Samples per frame (60 ms in ComParE and GeMAPS). */
  readonly frameLength: number;
  /** Samples between frame starts. */
  readonly hopLength: number;
  /** F0 of every frame in Hz, 0 when unvoiced. */
  readonly f0: Float32Array;
}
