import { createFeatureMatrix, createRandom, loadTf, silentProgress, type FeatureMatrix, type RunContext } from '@emotrans/core';
import { dae, fitDae, type DaeOptions } from '../src';

const context = (seed: number): RunContext => ({ random: createRandom(seed), cacheDir: '/tmp', progress: silentProgress, log: () => {}, tf: () => loadTf() });

const D = 12;
const LATENT = 3;

/** An orthonormal basis (D x LATENT, columns) of a random subspace: Gram-Schmidt on Gaussian vectors. */
function basis(seed: number): number[][] {
  const random = createRandom(seed);
  const columns: number[][] = [];
  for (let k = 0; k < LATENT; k++) {
    const v = Array.from({ length: D }, () => random.normal());
    for (const u of columns) {
      const dot = v.reduce((s, x, i) => s + x * u[i], 0);
      for (let i = 0; i < D; i++) v[i] -= dot * u[i];
    }
    const norm = Math.hypot(...v);
    columns.push(v.map((x) => x / norm));
  }
  return columns;
}

/** Rows on a LATENT-dimensional subspace (latent values with std 2) plus isotropic noise of `noise`. */
function onSubspace(rows: number, columns: number[][], noise: number, seed: number): FeatureMatrix {
  const random = createRandom(seed);
  const data = new Float32Array(rows * D);
  for (let r = 0; r < rows; r++) {
    const z = columns.map(() => 2 * random.normal());
    for (let i = 0; i < D; i++) data[r * D + i] = columns.reduce((s, c, k) => s + c[i] * z[k], 0) + noise * random.normal();
  }
  return createFeatureMatrix(
    Array.from({ length: D }, (_, i) => `f${i}`),
    1,
    Float64Array.from({ length: rows }, (_, i) => i),
    data,
  );
}

/** Fraction of the energy of the rows that lies outside the subspace spanned by `columns`. */
function offSubspaceFraction(m: FeatureMatrix, columns: number[][]): number {
  let total = 0;
  let outside = 0;
  for (let r = 0; r < m.rows; r++) {
    const x = Array.from(m.data.subarray(r * D, (r + 1) * D));
    const residual = x.slice();
    for (const c of columns) {
      const dot = x.reduce((s, v, i) => s + v * c[i], 0);
      for (let i = 0; i < D; i++) residual[i] -= dot * c[i];
    }
    total += x.reduce((s, v) => s + v * v, 0);
    outside += residual.reduce((s, v) => s + v * v, 0);
  }
  return outside / total;
}

function meanSquaredDifference(a: FeatureMatrix, b: FeatureMatrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i] - b.data[i]) ** 2;
  return s / a.data.length;
}

const options = (overrides: Partial<DaeOptions> = {}): DaeOptions => ({
  hidden: [8, 4],
  noiseSigma: 0.3,
  maskFraction: 0.1,
  epochs: 30,
  learningRate: 0.005,
  batchSize: 32,
  mode: 'reconstruct',
  ...overrides,
});

describe('dae', () => {
  const targetBasis = basis(1);
  const sourceBasis = basis(2);
  const target = [onSubspace(600, targetBasis, 0.05, 10), onSubspace(600, targetBasis, 0.05, 11)];
  const heldOutTarget = onSubspace(300, targetBasis, 0.05, 12);
  const source = [onSubspace(500, sourceBasis, 0.05, 13)];

  it('learns from target data: the reconstruction error of corrupted inputs falls during training', async () => {
    const fitted = await fitDae({ source, target }, options(), context(1));
    const losses = fitted.report.trainLoss;
    fitted.dispose();
    expect(losses).toHaveLength(30);
    expect(losses[losses.length - 1]).toBeLessThan(0.5 * losses[0]);
  });

  describe('reconstruct mode', () => {
    it('returns held-out target rows close to themselves and moves source rows onto the target subspace', async () => {
      const fitted = await dae.fit({ source, target }, options(), context(1));
      const outTarget = fitted.transform(heldOutTarget, 'target');
      const outSource = fitted.transform(source[0], 'source');
      fitted.dispose?.();
      // Target rows have variance 4 * 3 / 12 = 1 per value; the reconstruction error is a small part of it.
      expect(meanSquaredDifference(outTarget, heldOutTarget)).toBeLessThan(0.15);
      expect(outTarget.names).toEqual(heldOutTarget.names);
      // Source rows lie mostly off the target subspace; their reconstructions mostly on it.
      const before = offSubspaceFraction(source[0], targetBasis);
      const after = offSubspaceFraction(outSource, targetBasis);
      expect(before).toBeGreaterThan(0.5);
      expect(after).toBeLessThan(0.25);
    });
  });

  it('encode mode gives the bottleneck code as new columns for both roles', async () => {
    const fitted = await dae.fit({ source, target }, options({ mode: 'encode', epochs: 3 }), context(1));
    const code = fitted.transform(source[0], 'source');
    const targetCode = fitted.transform(heldOutTarget, 'target');
    fitted.dispose?.();
    expect(code.names).toEqual(['dae0', 'dae1', 'dae2', 'dae3']);
    expect(code.rows).toBe(source[0].rows);
    expect(targetCode.cols).toBe(4);
    // tanh units
    expect(code.data.every((v) => v > -1 && v < 1)).toBe(true);
  });

  it('is deterministic for a seed and leaves no tensors behind', async () => {
    const tf = await loadTf();
    const before = tf.memory().numTensors;
    const run = async (seed: number) => {
      const fitted = await fitDae({ source, target }, options({ epochs: 2 }), context(seed));
      const out = fitted.transform(heldOutTarget, 'target');
      fitted.dispose();
      return Array.from(out.data);
    };
    const first = await run(4);
    expect(await run(4)).toEqual(first);
    expect(await run(5)).not.toEqual(first);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('needs unlabelled target features', async () => {
    await expect(dae.fit({ source, target: [] }, options(), context(1))).rejects.toThrow(/dae: no unlabelled target-domain features/);
  });
});
