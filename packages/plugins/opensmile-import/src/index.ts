import { contribute } from '@emotrans/core';
import { openSmileImport } from './opensmile-import-set';

export { openSmileImport, featureFileFor, type OpenSmileImportOptions } from './opensmile-import-set';
export { readOpenSmileCsv, parseOpenSmileCsv } from './opensmile-csv';
export { readArff, parseArff } from './arff';
export const containerModule = contribute(openSmileImport);
