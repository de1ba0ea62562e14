/**
 * @emotrans/core — the container, the extension points plugins contribute to, and the experiment runner.
 * Extension points are documented in docs/extension-points.md.
 */
export * from './extension-points';
export * from './data';
export * from './registry';
export * from './plugins';
export * from './spec';
export * from './runtime/errors';
export * from './runtime/read-text-input';
export * from './runtime/random';
export * from './runtime/progress';
export * from './runtime/yield-to-events';
export * from './runtime/context';
export * from './runtime/tf';
export * from './runtime/fast-matmul';
export * from './runtime/environment';
export * from './audio/load-audio';
export * from './audio/decode';
export * from './audio/resample';
export * from './audio/encode-wav';
export * as dsp from './dsp';
export * from './features/feature-cache';
export * from './features/summary-window-options';
export * as testSignals from './testing/test-signals';
export { writeLongTestWav } from './testing/long-wav';
export * from './experiment/dataset';
export * from './experiment/align-labels';
export * from './experiment/standardiser';
export * from './experiment/folds';
export * from './experiment/plan-units';
export * from './experiment/unit-result';
export * from './experiment/run-unit';
export * from './experiment/evaluate';
export * from './features/features-of';
export * from './experiment/prepare-datasets';
export * from './experiment/runner';
export * from './experiment/unit-dispatcher';
export * from './distributed';
export * from './stats';
export * from './report';
export * from './results/atomic-write';
export * from './results/csv';
export * from './session';
export * from './runtime/tensorflow-handle';
export * from './conformance';
export * from './scaffold/scaffold-plugin';
