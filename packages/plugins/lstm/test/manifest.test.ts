import { validateAgainst } from '@emotrans/core';
import { blstm, lstm } from '../src';

describe('lstm and blstm manifests', () => {
  it('fill every option with the documented defaults (the paper model: 150 + 10 units, noise 0.5)', () => {
    for (const regressor of [lstm, blstm]) {
      const options: Record<string, unknown> = {};
      expect(validateAgainst(regressor.manifest.options, options)).toEqual([]);
      expect(options).toEqual({
        units: [150, 10],
        inputNoise: 0.5,
        dropout: 0,
        learningRate: 0.003,
        optimiser: 'adam',
        epochs: 40,
        batchSize: 16,
        loss: 'mse',
        patience: 5,
        chunkLength: 50,
      });
    }
  });

  it('reject bad options naming the field', () => {
    const problems = validateAgainst(lstm.manifest.options, { units: [], optimiser: 'adagrad', loss: 'mae' }, 'regressor.options');
    expect(problems.join('\n')).toMatch(/regressor\.options\.units/);
    expect(problems.join('\n')).toMatch(/regressor\.options\.optimiser/);
    expect(problems.join('\n')).toMatch(/regressor\.options\.loss/);
    // 100000 units reached 23 GB before failing: a spec error now.
    expect(validateAgainst(lstm.manifest.options, { units: [100000] }, 'regressor.options').join('\n')).toMatch("regressor.options.units[0]: got 100000, expected a value that must be <= 4096");
  });
});
