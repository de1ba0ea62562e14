/**
 * The zero-crossing kernel counts exactly as zeroCrossingRate (the same rate, Object.is) on frames of odd and even
 * length with sign changes, zeros (+0 and -0) between samples of either sign, and runs of zeros.
 */
import { zeroCrossingRate } from '../src/lld/energy';
import { ZeroCrossings } from '../src/lld/zero-crossing-kernel';

describe('ZeroCrossings', () => {
  it.each([3, 4, 5, 6, 7, 101, 960, 961, 2646])('%d samples: zeroCrossingRate exactly', (length) => {
    const crossings = new ZeroCrossings(length);
    expect(crossings.wasm).toBe(true);
    let state = length;
    for (let r = 0; r < 40; r++) {
      for (let i = 0; i < length; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        const u = state / 2 ** 32;
        crossings.frame[i] = u < 0.2 ? 0 : u < 0.25 ? -0 : Math.round((u - 0.6) * 8) / 4;
      }
      expect(Object.is(crossings.rate(), zeroCrossingRate(crossings.frame))).toBe(true);
    }
  });

  it('a sine at f Hz crosses about 2 f / rate times per sample', () => {
    const crossings = new ZeroCrossings(960);
    for (let i = 0; i < 960; i++) crossings.frame[i] = Math.sin((2 * Math.PI * 440 * i) / 16000 + 0.3);
    expect(crossings.rate()).toBeCloseTo((2 * 440) / 16000, 2);
    expect(new ZeroCrossings(960, false).wasm).toBe(false);
  });
});
