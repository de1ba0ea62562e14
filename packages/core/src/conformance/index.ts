export * from './findings';
export * from './check-contribution';
export * from './check-plugin';
export type { KnownAnswer } from './metric-checks';
