export * from './bootstrap';
export * from './wilcoxon';
export * from './sequence-scores';
export * from './condition-statistics';
export * from './prediction-score';
