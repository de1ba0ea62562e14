/** Audio as a decoder hands it over: one Float32Array per channel, before mixing down to mono. */
export interface DecodedAudio {
  readonly channels: readonly Float32Array[];
  readonly sampleRate: number;
}
