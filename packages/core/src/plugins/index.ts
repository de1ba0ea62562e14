export * from './discover';
export * from './load';
export * from './typescript-require';
