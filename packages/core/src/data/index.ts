export * from './audio';
export * from './feature-matrix';
export * from './traces';
export * from './sequence';
export * from './arff';
export * from './decimal';
