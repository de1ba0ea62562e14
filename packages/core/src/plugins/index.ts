export * from './discover';
export * from './load';
export * from './typescript-require';
export * from './static-manifest';
export * from './plugin-source';
export * from './module-contributions';
export * from './provenance';
