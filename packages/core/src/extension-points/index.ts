export * from './contribution';
export * from './corpus';
export * from './feature-set';
export * from './transfer-method';
export * from './regressor';
export * from './metric';
export * from './any-contribution';
