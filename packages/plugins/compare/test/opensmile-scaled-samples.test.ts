/**
 * The period analysis' scaled samples, kept from frame to frame, equal the direct conversion
 * Math.fround(x 32768 / 32767) (0 outside the signal) for overlapping reads that move forward, jump back and
 * ahead, come through shifting windows of the signal, and reach past its end.
 */
import { OpensmileScaledSamples } from '../src/voicing/opensmile-scaled-samples';

const signal = Float32Array.from({ length: 5000 }, (_, i) => Math.fround(Math.sin(i / 9.7) * 0.8 + ((i * 7919) % 13) / 1000));

function direct(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => (from + k < signal.length ? Math.fround((signal[from + k] * 32768) / 32767) : 0));
}

describe('OpensmileScaledSamples', () => {
  it('equals the direct conversion read after read', () => {
    const scaled = new OpensmileScaledSamples();
    const into = new Float64Array(2000);
    // (from, n, window start): forward with overlaps, a jump back, a jump ahead, the end of the signal
    const reads = [
      [0, 400, 0],
      [160, 500, 0],
      [300, 960, 100],
      [310, 100, 300],
      [50, 300, 0],
      [2000, 800, 1500],
      [4500, 960, 4000],
      [4700, 960, 4600],
    ];
    for (const [from, n, windowStart] of reads) {
      const window = signal.subarray(windowStart);
      into.fill(NaN);
      scaled.read(window, windowStart, from, n, into);
      expect(Array.from(into.subarray(0, n))).toEqual(direct(from, n));
    }
  });

  it('a read past the end of a window keeps nothing beyond it, so a longer window supplies those samples', () => {
    const scaled = new OpensmileScaledSamples();
    const into = new Float64Array(600);
    scaled.read(signal.subarray(0, 1000), 0, 800, 400, into);
    expect(Array.from(into.subarray(200, 400))).toEqual(new Array(200).fill(0));
    scaled.read(signal.subarray(0, 3000), 0, 900, 400, into);
    expect(Array.from(into.subarray(0, 400))).toEqual(direct(900, 400));
  });
});
