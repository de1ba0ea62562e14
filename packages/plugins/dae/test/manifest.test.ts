import { validateAgainst } from '@emotrans/core';
import { dae } from '../src';

describe('dae manifest', () => {
  it('fills every option with the documented defaults', () => {
    const options: Record<string, unknown> = {};
    expect(validateAgainst(dae.manifest.options, options)).toEqual([]);
    expect(options).toEqual({ hidden: [128], noiseSigma: 0.3, maskFraction: 0, epochs: 60, learningRate: 0.003, batchSize: 64, mode: 'reconstruct' });
  });

  it('rejects an unknown mode naming the field', () => {
    expect(validateAgainst(dae.manifest.options, { mode: 'decode' }, 'transfer[1].options').join('\n')).toMatch(/transfer\[1\]\.options\.mode/);
  });
});
