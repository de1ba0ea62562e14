/**
 * Reusable DSP building blocks mirroring the feature pipeline: framing, windows, spectrum (one reusable FFT
 * plan), frequency scales and triangular filterbanks, openSMILE-style smoothing and regression deltas,
 * and mean / standard deviation over windows of frames.
 */
export * from './framing';
export * from './windows';
export * from './spectrum';
export * from './frequency-scales';
export * from './filterbank';
export * from './smoothing';
export * from './delta';
export * from './window-functionals';
export * from './window-stream';
