import { ccc, pearson, rmse } from '../src';

// audmetric's published test vectors (../shared/README.md): truth [0,1,2], prediction [0,1,1].
describe('metrics against audmetric test vectors', () => {
  const truth = [0, 1, 2];
  const prediction = [0, 1, 1];

  it('CCC', () => expect(ccc.score(truth, prediction)).toBeCloseTo(0.6666666666666665, 12));
  it('Pearson r', () => expect(pearson.score(truth, prediction)).toBeCloseTo(0.8660254037844385, 12));
  it('RMSE', () => expect(rmse.score(truth, prediction)).toBeCloseTo(0.5773502691896258, 12));

  it('perfect prediction: r = CCC = 1, RMSE = 0', () => {
    expect(pearson.score(truth, truth)).toBeCloseTo(1, 12);
    expect(ccc.score(truth, truth)).toBeCloseTo(1, 12);
    expect(rmse.score(truth, truth)).toBe(0);
  });

  it('CCC penalises a shift that Pearson ignores', () => {
    const shifted = truth.map((v) => v + 1);
    expect(pearson.score(truth, shifted)).toBeCloseTo(1, 12);
    // 2 cov / (var + var + 1) with population var 2/3: (4/3) / (4/3 + 1)
    expect(ccc.score(truth, shifted)).toBeCloseTo(4 / 3 / (4 / 3 + 1), 12);
  });

  it('is undefined (NaN) for a constant series, not a crash', () => {
    expect(pearson.score([1, 1, 1], [0, 1, 2])).toBeNaN();
  });

  it('rejects traces of different lengths', () => {
    expect(() => rmse.score([1, 2], [1])).toThrow(/2 values/);
  });
});
