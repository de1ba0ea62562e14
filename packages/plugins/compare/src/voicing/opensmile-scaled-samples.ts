/**
 * Samples in openSMILE's sample scale for the period analysis: single-precision s / 32767 of the 16-bit value
 * s, which emotrans decodes as s / 32768, i.e. Math.fround(x 32768 / 32767) of a sample x (zero beyond the
 * signal). Successive frames read overlapping stretches, so each sample is converted once and kept while
 * later frames may read it (from the earliest sample the next frame reads on): the same numbers, without the
 * repeated divisions.
 */
export class OpensmileScaledSamples {
  private scaled = new Float64Array(0);
  /** Absolute index of scaled[0], and how many samples from there are held. */
  private start = 0;
  private held = 0;

  /**
   * into[0 .. n) = the scaled samples from absolute index `from`; `samples[k]` is sample `base + k` of the
   * signal (positions outside it give 0 and are not kept, so a later window can still supply them).
   */
  read(samples: Float32Array, base: number, from: number, n: number, into: Float64Array): void {
    if (from < base) {
      // (not met by the analysis, which never reads before its window) sample by sample, nothing kept
      this.held = 0;
      for (let k = 0; k < n; k++) {
        const s = from + k - base;
        into[k] = s >= 0 && s < samples.length ? Math.fround((samples[s] * 32768) / 32767) : 0;
      }
      return;
    }
    if (from < this.start || from > this.start + this.held) {
      this.start = from;
      this.held = 0;
    } else if (from > this.start) {
      this.scaled.copyWithin(0, from - this.start, this.held);
      this.held -= from - this.start;
      this.start = from;
    }
    if (this.scaled.length < n) {
      const grown = new Float64Array(2 * n);
      grown.set(this.scaled.subarray(0, this.held));
      this.scaled = grown;
    }
    const scaled = this.scaled;
    let k = this.held;
    for (; k < n; k++) {
      const s = from + k - base;
      if (s < 0 || s >= samples.length) break;
      scaled[k] = Math.fround((samples[s] * 32768) / 32767);
    }
    if (k > this.held) this.held = k;
    const kept = Math.min(n, this.held);
    into.set(kept === scaled.length ? scaled : scaled.subarray(0, kept));
    if (kept < n) into.fill(0, kept, n);
  }
}
