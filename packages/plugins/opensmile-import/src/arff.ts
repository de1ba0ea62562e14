import { parseArffTable, type FeatureMatrix } from '@emotrans/core';
import { readText } from './opensmile-csv';
import { tableToMatrix, type FeatureTable } from './table-to-matrix';

/** Reads ARFF text (openSMILE's arffSink output, LLD or functionals) with core's ARFF reader into a feature table. */
function arffFeatureTable(text: string, file: string): FeatureTable {
  const table = parseArffTable(text, file);
  const textColumns = new Set(table.attributes.flatMap((a, j) => (a.numeric ? [] : [j])));
  return { file, columns: table.attributes.map((a) => a.name), rows: table.rows, textColumns };
}

/** Parses ARFF text into a feature matrix: numeric attributes other than frameTime and class are features. */
export function parseArff(text: string, file: string, options: { timeShift?: number; frameRate?: number } = {}): FeatureMatrix {
  return tableToMatrix(arffFeatureTable(text, file), options);
}

/** Reads an ARFF file written by openSMILE (any config: LLD or functionals) as a feature matrix. */
export function readArff(file: string, options: { timeShift?: number; frameRate?: number } = {}): FeatureMatrix {
  return parseArff(readText(file), file, options);
}
