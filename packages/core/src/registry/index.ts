export * from './service-ids';
export * from './registry';
export * from './container';
