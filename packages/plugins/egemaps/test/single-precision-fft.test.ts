import { createFloatDftKernel } from '@emotrans/plugin-egemaps/dist/lld/float-dft-kernel';
import { FormantAnalyser } from '@emotrans/plugin-egemaps/dist/lld/formants';
import { SinglePrecisionRealFft } from '@emotrans/plugin-egemaps/dist/lld/single-precision-fft';

/**
 * The single-precision FFT against a double-precision DFT (its bit-identity with SMILExtract is what the
 * formant columns of egemaps-opensmile.test.ts check): every size path (64 and 128 from 8- and 16-point leaves, 256 and 512 leaves, 1024-4096
 * through the depth-first stages), Ooura's layout, and float accuracy.
 */
/** DFT bins `bins` of x in double precision. */
function dftBins(x: Float32Array, bins: number[]): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(bins.length);
  const im = new Float64Array(bins.length);
  bins.forEach((k, b) => {
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * k) % n)) / n;
      re[b] += x[j] * Math.cos(angle);
      im[b] += x[j] * Math.sin(angle);
    }
  });
  return { re, im };
}

describe('SinglePrecisionRealFft', () => {
  it.each([64, 128, 256, 512, 1024, 2048, 4096])('size %i: equals the DFT to float accuracy, in Ooura layout (X_0, X_n/2, Re/-Im pairs)', (n) => {
    let seed = n;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const x = Float32Array.from({ length: n }, random);
    // every bin of the smallest size, 97 bins spread over the others (all four index classes mod 4)
    const bins = Array.from({ length: n === 256 ? 129 : 97 }, (_, b) => (n === 256 ? b : Math.round((b * n) / 2 / 96)));
    const { re, im } = dftBins(x, bins);
    const a = Float32Array.from(x);
    new SinglePrecisionRealFft(n).transform(a);
    let scale = 0;
    for (let b = 0; b < bins.length; b++) scale = Math.max(scale, Math.hypot(re[b], im[b]));
    let error = 0;
    bins.forEach((k, b) => {
      if (k === 0) error = Math.max(error, Math.abs(a[0] - re[b]));
      else if (k === n / 2) error = Math.max(error, Math.abs(a[1] - re[b]));
      else error = Math.max(error, Math.abs(a[2 * k] - re[b]), Math.abs(a[2 * k + 1] + im[b]));
    });
    expect(error / scale).toBeLessThan(2e-6);
    expect(error / scale).toBeGreaterThan(0); // single precision, not double
  });

  it('a unit impulse gives a flat spectrum exactly; a cosine on bin 5 only that bin', () => {
    const n = 512;
    const impulse = new Float32Array(n);
    impulse[0] = 1;
    new SinglePrecisionRealFft(n).transform(impulse);
    for (let k = 0; k < n / 2; k++) expect([impulse[2 * k], impulse[2 * k + 1]]).toEqual([1, k === 0 ? 1 : 0]);
    const cosine = Float32Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * 5 * j) / n));
    new SinglePrecisionRealFft(n).transform(cosine);
    expect(cosine[10]).toBeCloseTo(n / 2, 3);
    for (let k = 1; k < n / 2; k++) if (k !== 5) expect(Math.hypot(cosine[2 * k], cosine[2 * k + 1])).toBeLessThan(1e-3);
  });

  it('refuses sizes it has no decomposition for', () => {
    expect(() => new SinglePrecisionRealFft(32)).toThrow(/power of two >= 64/);
    expect(() => new SinglePrecisionRealFft(768)).toThrow(/power of two/);
  });
});

describe('the inverse DFT kernel (WebAssembly SIMD)', () => {
  it('compiles here, and formants through it equal the scalar single-precision loop bit for bit', () => {
    expect(createFloatDftKernel(1 << 16)).not.toBeNull();
    for (const rate of [8000, 16000, 44100]) {
      const frameLength = Math.round(0.02 * rate);
      const fftSize = 2 ** Math.ceil(Math.log2(frameLength));
      const simd = new FormantAnalyser(frameLength, fftSize, rate, 'opensmile', true);
      const scalar = new FormantAnalyser(frameLength, fftSize, rate, 'opensmile', false);
      let seed = rate;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
      for (let frame = 0; frame < 20; frame++) {
        // a decaying resonance plus noise, Hamming-windowed in float
        const windowed = Float64Array.from({ length: frameLength }, (_, j) =>
          Math.fround(Math.fround(0.3 * Math.exp(-j / (40 + frame)) * Math.cos(0.3 * j + frame) + 0.01 * random()) * Math.fround(0.54 - 0.46 * Math.cos((2 * Math.PI * j) / (frameLength - 1)))),
        );
        const [f1, b1, f2, b2] = [new Float64Array(5), new Float64Array(5), new Float64Array(5), new Float64Array(5)];
        simd.analyse(windowed, f1, b1);
        scalar.analyse(windowed, f2, b2);
        expect([rate, frame, Array.from(f1), Array.from(b1)]).toEqual([rate, frame, Array.from(f2), Array.from(b2)]);
      }
    }
  });
});
