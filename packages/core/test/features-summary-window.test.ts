import { assertSummaryWindow, BadInputError, SUMMARY_WINDOW_OPTIONS, validateAgainst } from '@emotrans/core';

describe('summary window options (window, hop)', () => {
  const schema = { type: 'object', additionalProperties: false, properties: { ...SUMMARY_WINDOW_OPTIONS } };

  it('default to 1 s each and refuse non-positive values in a spec', () => {
    const options: Record<string, unknown> = {};
    expect(validateAgainst(schema, options)).toEqual([]);
    expect(options).toEqual({ window: 1, hop: 1 });
    expect(validateAgainst(schema, { window: 0, hop: 0.5 })).toHaveLength(1);
    // Shorter than one 10 ms frame: a million rows per second at hop 1e-6.
    expect(validateAgainst(schema, { window: 1, hop: 1e-6 })).toHaveLength(1);
    expect(validateAgainst(schema, { window: 1, hop: 0.01 })).toEqual([]);
  });

  it('are checked again on extraction: a BadInputError naming the feature set and the audio', () => {
    expect(() => assertSummaryWindow('some-set', { window: 1, hop: 0.5 }, 'a.wav')).not.toThrow();
    const check = () => assertSummaryWindow('some-set', { window: 1, hop: 0 }, 'a.wav');
    expect(check).toThrow(BadInputError);
    expect(check).toThrow('a.wav: some-set: window (1) and hop (0) must be at least 0.01 s (one 10 ms frame)');
    expect(() => assertSummaryWindow('some-set', { window: 1, hop: 1e-6 }, 'a.wav')).toThrow(BadInputError);
  });
});
