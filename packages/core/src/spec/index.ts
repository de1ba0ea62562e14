export * from './experiment-spec';
export * from './schema';
export * from './validate-json';
export * from './load-spec';
export * from './spec-paths';
