import { createFeatureMatrix, createRandom, silentProgress, loadTf, type FeatureMatrix, type RunContext } from '@emotrans/core';
import { coral, covarianceOf } from '../src/coral';

const context: RunContext = { random: createRandom(1), cacheDir: '/tmp', progress: silentProgress, log: () => {}, tf: () => loadTf() };

/** rows of x = L z with z standard normal: population covariance L L^T. */
function gaussian(rows: number, l: number[][], seed: number, mean: number[] = l.map(() => 0)): FeatureMatrix {
  const random = createRandom(seed);
  const d = l.length;
  const data = new Float32Array(rows * d);
  const z = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < d; k++) z[k] = random.normal();
    for (let j = 0; j < d; j++) {
      let v = mean[j];
      for (let k = 0; k < d; k++) v += l[j][k] * z[k];
      data[i * d + j] = v;
    }
  }
  return createFeatureMatrix(
    l.map((_, j) => `f${j}`),
    1,
    Float64Array.from({ length: rows }, (_, i) => i),
    data,
  );
}

const lSource = [
  [1, 0, 0],
  [0.8, 0.6, 0],
  [0, 0, 0.5],
];
const lTarget = [
  [2, 0, 0],
  [-1, 1, 0],
  [0.5, 0.5, 1.5],
];
const populationTarget = lTarget.map((ri) => lTarget.map((rj) => ri.reduce((s, v, k) => s + v * rj[k], 0)));

describe('coral', () => {
  const source = [gaussian(20000, lSource, 1), gaussian(10000, lSource, 2)];
  const target = [gaussian(30000, lTarget, 3, [1, -1, 0])];

  it('gives the source the covariance of the target (lambda near 0)', async () => {
    const fitted = await coral.fit({ source, target }, { lambda: 1e-9 }, context);
    const aligned = covarianceOf(source.map((m) => fitted.transform(m, 'source')));
    const targetCov = covarianceOf(target);
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 3; k++) {
        // Exact up to float32 rounding against the sample covariance the method saw...
        expect(aligned.get(j, k)).toBeCloseTo(targetCov.get(j, k), 3);
        // ...and within sampling error of the population covariance L L^T.
        expect(Math.abs(aligned.get(j, k) - populationTarget[j][k])).toBeLessThan(0.1);
      }
    }
  });

  it('leaves target features unchanged', async () => {
    const fitted = await coral.fit({ source, target }, { lambda: 1 }, context);
    expect(fitted.transform(target[0], 'target')).toBe(target[0]);
  });

  it('in one dimension scales by sqrt((var_t + lambda) / (var_s + lambda))', async () => {
    const s = gaussian(50000, [[3]], 5);
    const t = gaussian(50000, [[0.5]], 6);
    const vs = covarianceOf([s]).get(0, 0);
    const vt = covarianceOf([t]).get(0, 0);
    const fitted = await coral.fit({ source: [s], target: [t] }, { lambda: 1 }, context);
    const out = fitted.transform(s, 'source');
    const factor = Math.sqrt((vt + 1) / (vs + 1));
    for (const i of [0, 17, 4999]) expect(out.data[i]).toBeCloseTo(s.data[i] * factor, 4);
    expect(vs).toBeCloseTo(9, 0);
    expect(vt).toBeCloseTo(0.25, 1);
  });

  it('rejects features with another number of columns', async () => {
    const fitted = await coral.fit({ source, target }, { lambda: 1 }, context);
    expect(() => fitted.transform(gaussian(3, [[1]], 1), 'source')).toThrow(/coral: fitted on 3 features, got 1/);
  });
});
